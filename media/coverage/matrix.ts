// The coverage matrix webview's script (bundled to dist/coverage/matrix.js, loaded by nonce). It
// draws the matrix the extension sends (tactics as columns, techniques with their sub-techniques
// under them), built with DOM calls and textContent only, and turns clicks into messages that the
// extension checks before acting.
import type {
  ExtensionToMatrixMessage,
  MatrixState,
  MatrixToExtensionMessage,
} from '../../client/src/coverage/messages';
import {
  DOMAIN_LABELS,
  LEVEL_LEGEND,
  MATRIX_DOMAINS,
  type MatrixCellView,
  type MatrixDomain,
  type MatrixView,
} from '../../client/src/coverage/matrixView';

interface VsCodeApi {
  postMessage(message: MatrixToExtensionMessage): void;
  getState(): unknown;
  setState(state: MatrixState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('attack-notes-matrix') as HTMLElement;

/** Techniques whose sub-techniques are shown; kept across refreshes of the same page. */
const expanded = new Set<string>();
let current: MatrixView | undefined;

function post(message: MatrixToExtensionMessage): void {
  vscode.postMessage(message);
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

function domainBar(active: MatrixDomain | undefined): HTMLElement {
  const bar = element('div', 'domains');
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'ATT&CK domain');
  for (const domain of MATRIX_DOMAINS) {
    const button = element('button', 'domain', DOMAIN_LABELS[domain]);
    button.type = 'button';
    button.dataset.domain = domain;
    button.setAttribute('aria-pressed', String(domain === active));
    bar.append(button);
  }
  return bar;
}

function legend(): HTMLElement {
  const list = element('ul', 'legend');
  for (const { level, label } of LEVEL_LEGEND) {
    const item = element('li');
    item.append(element('span', `swatch level-${level}`), element('span', undefined, label));
    list.append(item);
  }
  const marks: [string, string, string][] = [
    ['mark errors', '✕', 'Errors in the note'],
    ['mark warnings', '!', 'Warnings'],
    ['mark drift', '≠', 'Drifted from ATT&CK'],
  ];
  for (const [className, symbol, label] of marks) {
    const item = element('li');
    item.append(element('span', className, symbol), element('span', undefined, label));
    list.append(item);
  }
  return list;
}

function cellButton(cell: MatrixCellView, sub: boolean): HTMLButtonElement {
  const button = element('button', `cell level-${cell.level}${sub ? ' sub' : ''}`);
  button.type = 'button';
  button.dataset.id = cell.id;
  button.dataset.level = cell.level;
  button.dataset.notes = String(cell.notes);
  button.title = cell.tooltip;
  button.append(element('span', 'name', cell.name));
  const meta = element('span', 'meta');
  meta.append(element('span', 'id', cell.id));
  if (cell.mitigations) meta.append(element('span', 'mitigations', cell.mitigations));
  if (cell.notes > 1) meta.append(element('span', 'count', `${cell.notes} notes`));
  if (cell.errors > 0) meta.append(element('span', 'mark errors', `✕${cell.errors}`));
  else if (cell.warnings > 0) meta.append(element('span', 'mark warnings', `!${cell.warnings}`));
  if (cell.drifted) meta.append(element('span', 'mark drift', '≠'));
  button.append(meta);
  return button;
}

function techniqueBlock(cell: MatrixCellView): HTMLElement {
  const block = element('div', 'technique');
  const row = element('div', 'row');
  row.append(cellButton(cell, false));
  if (cell.subtechniques.length > 0) {
    const open = expanded.has(cell.id);
    const covered = cell.subtechniques.filter((s) => s.level !== 'none').length;
    const toggle = element(
      'button',
      'toggle',
      `${open ? '▾' : '▸'} ${covered}/${cell.subtechniques.length}`,
    );
    toggle.type = 'button';
    toggle.dataset.toggle = cell.id;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.title = `${cell.subtechniques.length} sub-techniques, ${covered} with notes`;
    row.append(toggle);
    const subs = element('div', 'subtechniques');
    subs.hidden = !open;
    for (const sub of cell.subtechniques) subs.append(cellButton(sub, true));
    block.append(row, subs);
  } else {
    block.append(row);
  }
  return block;
}

function cellCount(view: MatrixView): number {
  let count = 0;
  for (const column of view.columns)
    for (const technique of column.techniques) count += 1 + technique.subtechniques.length;
  return count;
}

function draw(view: MatrixView): void {
  const started = performance.now();
  current = view;
  vscode.setState({ domain: view.domain });
  const page = document.createDocumentFragment();

  const header = element('header', 'toolbar');
  const expandAll = element('button', 'expand-all', 'Expand all');
  expandAll.type = 'button';
  header.append(domainBar(view.domain), expandAll);
  const summary = element('p', 'summary', view.summary);
  summary.id = 'coverage-summary';
  const details = element(
    'p',
    'details',
    `ATT&CK ${view.attackVersion}` +
      (view.withErrors > 0 ? ` · ${view.withErrors} covered techniques with errors` : '') +
      (view.retiredNotes > 0 ? ` · ${view.retiredNotes} notes of revoked or deprecated IDs` : '') +
      (view.pendingNotes > 0 ? ` · counting the findings of ${view.pendingNotes} notes…` : ''),
  );
  page.append(header, summary, details, legend());

  const matrix = element('div', 'matrix');
  matrix.setAttribute('role', 'table');
  for (const column of view.columns) {
    const tactic = element('section', 'tactic');
    tactic.dataset.tactic = column.id;
    const heading = element('h2', undefined, column.name);
    heading.title = column.id;
    const count = element('span', 'tactic-count', `${column.covered}/${column.techniques.length}`);
    heading.append(count);
    tactic.append(heading);
    for (const technique of column.techniques) tactic.append(techniqueBlock(technique));
    matrix.append(tactic);
  }
  page.append(matrix);
  root.replaceChildren(page);
  const cells = cellCount(view);
  // Measured after the browser has laid the page out, i.e. when it can be seen.
  requestAnimationFrame(() =>
    post({ type: 'rendered', domain: view.domain, cells, ms: performance.now() - started }),
  );
}

function showText(className: string, text: string, domain?: MatrixDomain): void {
  const paragraph = element('p', className, text);
  root.replaceChildren(domainBar(domain), paragraph);
}

function toggle(id: string, open: boolean): void {
  if (open) expanded.add(id);
  else expanded.delete(id);
  for (const button of root.querySelectorAll<HTMLButtonElement>('button.toggle')) {
    if (button.dataset.toggle !== id) continue;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = `${open ? '▾' : '▸'}${(button.textContent ?? '').slice(1)}`;
    const subs = button.parentElement?.nextElementSibling;
    if (subs instanceof HTMLElement) subs.hidden = !open;
  }
}

window.addEventListener('message', (event: MessageEvent<ExtensionToMatrixMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'matrix':
      draw(message.view);
      break;
    case 'loading':
      if (current?.domain !== message.domain)
        showText(
          'loading',
          `Computing the ${DOMAIN_LABELS[message.domain]} coverage…`,
          message.domain,
        );
      break;
    case 'problem':
      showText('problem', message.text, current?.domain);
      break;
  }
});

root.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('button') : null;
  if (!target) return;
  event.preventDefault();
  if (target.dataset.id) {
    post({ type: 'cellClicked', id: target.dataset.id });
  } else if (target.dataset.toggle) {
    toggle(target.dataset.toggle, !expanded.has(target.dataset.toggle));
  } else if (target.dataset.domain) {
    const domain = MATRIX_DOMAINS.find((d) => d === target.dataset.domain);
    if (domain && domain !== current?.domain) post({ type: 'chooseDomain', domain });
  } else if (target.classList.contains('expand-all') && current) {
    const open = target.textContent === 'Expand all';
    for (const column of current.columns)
      for (const technique of column.techniques)
        if (technique.subtechniques.length > 0) toggle(technique.id, open);
    target.textContent = open ? 'Collapse all' : 'Expand all';
  }
});

post({ type: 'ready' });
