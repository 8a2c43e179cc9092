// The preview panel in real VS Code, read through the browser (test/vscode/suite/webview.ts): the
// server's rendering of a note, clicks that open notes, live updates while typing, scrolling in
// step with the editor both ways (table rows included), and a hostile note that must neither run
// script nor make a request. Runs under the offline runner only (it alone can reach the webview).
import * as assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  activeApi,
  eventually,
  noteUri,
  openNote,
  waitForActiveEditor,
  waitForDiagnostics,
} from './helpers';
import { takeScreenshot } from './screenshot';
import {
  clickInWebview,
  extensionLog,
  postFromWebview,
  pressKeys,
  readWebview,
  readWorkbench,
  recordRequests,
  scrollWebviewTo,
  stopRecording,
  webviewBridgeAvailable,
  type WebviewSnapshot,
} from './webview';

const POWERSHELL = 'techniques/PowerShell.md';
const SCROLL_NOTE = 'notes/Preview scroll test.md';
const HOSTILE_NOTE = 'notes/Preview hostile test.md';
/** A note whose link matches two notes of the same name in different folders. */
const AMBIGUOUS_NOTE = 'notes/Preview ambiguous test.md';
const TWINS = ['notes/first/Preview twin.md', 'notes/second/Preview twin.md'];
const PREVIEW_VIEW_TYPE = 'attackNotes.preview';
const TIMEOUT_MS = 30_000;

/** A note long enough to scroll: paragraphs, an 80-row mitigations table, more paragraphs. */
function scrollNoteText(): string {
  const lines = [
    '# Preview scroll test',
    '',
    'Cited at the start. (Citation: Scroll Test Report)',
    '',
  ];
  const paragraph = (n: number) =>
    `Paragraph ${n} of the scroll test, written long enough to wrap once the preview shares the window with the editor.`;
  for (let n = 1; n <= 30; n++) lines.push(paragraph(n), '');
  lines.push('### Mitigations', '', '| ID | Name | Description |', '| --- | --- | --- |');
  for (let n = 1; n <= 80; n++) lines.push(`| [[Audit\\|M1047]] | Audit | Table row ${n}. |`);
  lines.push('');
  for (let n = 31; n <= 70; n++) lines.push(paragraph(n), '');
  lines.push('### References', '', '- Scroll Test Report: https://example.com/scroll-test', '');
  return lines.join('\n');
}

/** Every payload of the list; each would change the title or a global if it ran. */
const HOSTILE_TEXT = [
  '# Preview hostile test',
  '',
  'Before the payloads.',
  '',
  "<script>window.__attackNotesHostile = 'script'; document.title = 'pwned-script';</script>",
  '',
  '<img src="https://evil.example/img.png" onerror="document.title=\'pwned-img\'">',
  '',
  "[script link](javascript:document.title='pwned-js') and [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  '',
  '<iframe src="https://evil.example/frame"></iframe>',
  '',
  '<form action="https://evil.example/submit"><input name="q" value="x"><button>Send</button></form>',
  '',
  '<svg onload="document.title=\'pwned-svg\'"><circle r="5"></circle></svg>',
  '',
  "<style>body { background: url('https://evil.example/bg.png'); }</style>",
  '',
  '<meta http-equiv="refresh" content="0; url=https://evil.example/refresh">',
  '',
  '<base href="https://evil.example/">',
  '',
  '<a href="page.html">relative link after a base</a> <a href="https://evil.example/x" onclick="document.title=\'pwned-click\'">clicked</a>',
  '',
  '[open a terminal](command:workbench.action.terminal.new) [read a file](file:///etc/passwd) [change a setting](vscode://settings/security.workspace.trust.enabled) <a href="command:workbench.action.terminal.new">raw command link</a>',
  '',
  'After the payloads.',
  '',
].join('\n');

function lineOf(document: vscode.TextDocument, needle: string): number {
  const line = document
    .getText()
    .split(/\r?\n/)
    .findIndex((text) => text.includes(needle));
  assert.ok(line >= 0, `${needle} is not in ${document.uri.path}`);
  return line;
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.endsWith(PREVIEW_VIEW_TYPE),
    );
}

async function closePreview(): Promise<void> {
  await vscode.window.tabGroups.close(previewTabs());
}

/** Reads the preview until `accept` likes what it sees. */
async function readUntil(
  selector: string,
  accept: (snapshot: WebviewSnapshot) => boolean,
  what: string,
): Promise<WebviewSnapshot> {
  let last: WebviewSnapshot | undefined;
  let lastError: unknown;
  try {
    return await eventually(
      async () => {
        try {
          last = await readWebview(selector);
        } catch (error) {
          lastError = error; // The panel may still be on its way.
          return undefined;
        }
        return accept(last) ? last : undefined;
      },
      TIMEOUT_MS,
      what,
    );
  } catch (error) {
    const seen = last
      ? JSON.stringify({ scrollY: last.scrollY, elements: last.elements.slice(0, 3) })
      : String(lastError);
    throw new Error(`${String(error)}; last seen: ${seen}`);
  }
}

function texts(snapshot: WebviewSnapshot): string[] {
  return snapshot.elements.map((element) => element.text);
}

/**
 * True when `line` is at the editor's top as a person sees it. VS Code's visible range starts
 * under the sticky-scroll headings (up to five lines, `editor.stickyScroll.maxLineCount`), so the
 * first reported line may be that many lines above.
 */
function atEditorTop(editor: vscode.TextEditor, line: number): boolean {
  const top = editor.visibleRanges[0]?.start.line ?? -1;
  return top >= 0 && top <= line && line - top <= 5;
}

/** Scrolls the editor so `line` is at its top and returns the first line VS Code reports. */
async function revealAtTop(editor: vscode.TextEditor, line: number): Promise<number> {
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  return eventually(
    async () => {
      const top = editor.visibleRanges[0]?.start.line ?? 0;
      return atEditorTop(editor, line) ? top : undefined;
    },
    TIMEOUT_MS,
    `the editor scrolled to line ${line}`,
  );
}

/** Waits until the preview shows the element of editor line `line` at its top. */
function previewTopIs(selector: string, line: number): Promise<WebviewSnapshot> {
  return readUntil(
    `${selector}[data-line="${line}"]`,
    (s) => s.elements.length === 1 && Math.abs(s.elements[0]!.top) <= 3,
    `${selector} of line ${line} at the top of the preview`,
  );
}

function waitForActiveNote(relativePath: string): Promise<vscode.TextEditor> {
  return waitForActiveEditor(
    noteUri(relativePath),
    TIMEOUT_MS,
    `${relativePath} in the active editor`,
  );
}

/** Opens the hostile note and its preview beside it, and waits until the preview shows all of it. */
async function showHostileNoteInPreview(): Promise<void> {
  await openNote(HOSTILE_NOTE);
  await vscode.commands.executeCommand('attackNotes.openPreviewToSide');
  await readUntil(
    '#attack-notes-preview',
    (s) => s.elements.some((e) => e.text.includes('After the payloads.')),
    'the hostile note in the preview',
  );
}

/** What VS Code's link protection asks before a domain the user has not trusted opens. */
const LINK_PROTECTION_QUESTION = 'to open the external website?';

/** Waits until the extension's log has a line (after `from`) that includes `text`. */
async function logLine(text: string, from: number): Promise<string> {
  let lines: string[] = [];
  return eventually(
    async () => {
      lines = extensionLog().split('\n').slice(from);
      return lines.find((line) => line.includes(text));
    },
    TIMEOUT_MS,
    `a line with ${JSON.stringify(text)} in the extension's log`,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; its last lines: ${JSON.stringify(lines.slice(-8))}`);
  });
}

/**
 * Does `act` (which should end in env.openExternal of an http(s) URL) and checks that VS Code's
 * link protection asked the user first, and that no page opened. Under extension tests VS Code
 * shows no dialog: it refuses each one with an error that quotes its question, which reaches the
 * extension as a failed openExternal — the same as the user saying no.
 */
async function expectLinkProtection(url: string, act: () => Promise<unknown>): Promise<void> {
  const before = await readWorkbench();
  const from = extensionLog().split('\n').length - 1;
  await act();
  const line = await logLine(LINK_PROTECTION_QUESTION, from);
  assert.match(line, /^Preview: openExternal failed: /, line);
  const after = await readWorkbench();
  assert.equal(after.pages, before.pages, `a page was opened for ${url}`);
  assert.deepEqual(after.dialogs, [], 'a dialog is left open');
}

describe('preview panel', function () {
  this.timeout(120_000);

  before(async function () {
    if (!webviewBridgeAvailable()) this.skip();
    await activeApi();
    // Written into the test's copy of the vault (the runner copies examples/vault).
    const encoder = new TextEncoder();
    await vscode.workspace.fs.writeFile(noteUri(SCROLL_NOTE), encoder.encode(scrollNoteText()));
    await vscode.workspace.fs.writeFile(noteUri(HOSTILE_NOTE), encoder.encode(HOSTILE_TEXT));
    await vscode.workspace.fs.writeFile(
      noteUri(AMBIGUOUS_NOTE),
      encoder.encode('# Preview ambiguous test\n\nWhich one: [[Preview twin]]?\n'),
    );
    for (const twin of TWINS)
      await vscode.workspace.fs.writeFile(noteUri(twin), encoder.encode(`# ${twin}\n`));
  });

  after(async () => {
    if (!webviewBridgeAvailable()) return;
    await closePreview();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const note of [SCROLL_NOTE, HOSTILE_NOTE, AMBIGUOUS_NOTE, ...TWINS])
      await vscode.workspace.fs.delete(noteUri(note)).then(undefined, () => undefined);
  });

  it('shows the card, the mitigations table and its wikilinks beside the editor', async () => {
    const editor = await openNote(POWERSHELL);
    await vscode.commands.executeCommand('attackNotes.openPreviewToSide');
    const card = await readUntil(
      'header.note-card',
      (s) => s.elements.some((e) => e.text.includes('T1059.001')),
      'the card of T1059.001',
    );
    assert.match(card.elements[0]?.text ?? '', /PowerShell/);
    const chips = texts(await readWebview('header.note-card .chip'));
    assert.ok(
      chips.some((chip) => chip.includes('Execution')),
      `chips: ${chips.join(', ')}`,
    );
    assert.ok(
      chips.some((chip) => chip.includes('Windows')),
      `chips: ${chips.join(', ')}`,
    );

    // The row of M1026, at its editor line, links to the note of that mitigation.
    const rowLine = lineOf(editor.document, '|M1026]]');
    const links = await readWebview(`table tr[data-line="${rowLine}"] a.wikilink`);
    assert.equal(links.elements.length, 1, `wikilinks in the M1026 row (line ${rowLine})`);
    const target = links.elements[0]?.attributes['data-note-uri'] ?? '';
    assert.equal(
      vscode.Uri.parse(target).path,
      noteUri('mitigations/Privileged Account Management.md').path,
    );
    assert.equal(links.elements[0]?.text, 'M1026');
    const header = await readWebview('table tr');
    assert.deepEqual(header.elements[0]?.text.split(/\s+/), ['ID', 'Name', 'Description']);

    // The note's deliberate broken link is styled apart.
    const broken = texts(await readWebview('a.wikilink.broken'));
    assert.ok(
      broken.some((text) => text.includes('PowerShell Remoting')),
      `broken: ${broken}`,
    );

    await waitForDiagnostics(noteUri(POWERSHELL), (found) => found.length > 0, TIMEOUT_MS).catch(
      () => undefined, // The picture is still worth taking without squiggles.
    );
    // The editor and the preview side by side, without the file tree.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await takeScreenshot('preview-beside-editor');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  it('opens the note of a clicked wikilink in the editor, and the preview follows it', async () => {
    const source = await openNote(POWERSHELL);
    await vscode.commands.executeCommand('attackNotes.openPreviewToSide');
    const rowLine = lineOf(source.document, '|M1038]]');
    await readUntil(
      `tr[data-line="${rowLine}"] a.wikilink`,
      (s) => s.elements.length === 1,
      'the M1038 row',
    );
    await clickInWebview(`tr[data-line="${rowLine}"] a.wikilink`);
    const opened = await waitForActiveNote('mitigations/Execution Prevention.md');
    assert.equal(opened.viewColumn, source.viewColumn, 'opened where the source note was');
    await readUntil(
      'header.note-card',
      (s) => s.elements.some((e) => e.text.includes('M1038')),
      'the card of M1038 after following the link',
    );
  });

  it('asks which note to open for an ambiguous wikilink', async () => {
    await openNote(AMBIGUOUS_NOTE);
    await vscode.commands.executeCommand('attackNotes.openPreviewToSide');
    const link = await readUntil(
      'a.wikilink.ambiguous',
      (s) => s.elements.length === 1,
      'the ambiguous link in the preview',
    );
    const candidates = JSON.parse(
      link.elements[0]?.attributes['data-candidates'] ?? '[]',
    ) as string[];
    assert.deepEqual(
      candidates.map((uri) => vscode.Uri.parse(uri).path).sort(),
      TWINS.map((twin) => noteUri(twin).path).sort(),
    );
    await clickInWebview('a.wikilink.ambiguous');
    // The QuickPick has no API to look at: accept its first item until a twin opens.
    const twinPaths = TWINS.map((twin) => noteUri(twin).path);
    await eventually(
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        const active = vscode.window.activeTextEditor?.document.uri.path ?? '';
        return twinPaths.includes(active) ? active : undefined;
      },
      TIMEOUT_MS,
      'a twin note opened from the QuickPick',
    );
  });

  it('opens this preview, not the built-in one, with Ctrl+Shift+V on a note', async () => {
    await closePreview();
    await openNote(POWERSHELL);
    await pressKeys('Control+Shift+V');
    await eventually(
      async () => (previewTabs().length > 0 ? true : undefined),
      TIMEOUT_MS,
      'a preview tab after Ctrl+Shift+V',
    );
    const builtIn = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) =>
          tab.input instanceof vscode.TabInputWebview &&
          tab.input.viewType.endsWith('markdown.preview'),
      );
    assert.equal(builtIn.length, 0, 'the built-in Markdown preview opened as well');
    await closePreview();
  });

  it('updates while typing and keeps its scroll position', async () => {
    const editor = await openNote(SCROLL_NOTE);
    await vscode.commands.executeCommand('attackNotes.openPreviewToSide');
    await readUntil('tr[data-line]', (s) => s.elements.length >= 80, 'the 80-row table');
    const rowLine = await revealAtTop(editor, lineOf(editor.document, 'Table row 40.'));
    await previewTopIs('tr', rowLine);

    // An edit above the view: the text changes, the row stays where it was.
    const paragraphLine = lineOf(editor.document, 'Paragraph 3 of');
    const typed = `Typed ${Date.now()}.`;
    const started = Date.now();
    await editor.edit((edit) => edit.insert(new vscode.Position(paragraphLine, 0), `${typed} `));
    const paragraph = await readUntil(
      `p[data-line="${paragraphLine}"]`,
      (s) => s.elements.some((e) => e.text.startsWith(typed)),
      'the typed text in the preview',
    );
    console.log(`preview: typed text shown after ${Date.now() - started} ms`);
    assert.ok(paragraph.elements.length === 1);
    // Still in step with the editor (whose top line may move by a wrapped line), not at the top.
    await previewTopIs('tr', editor.visibleRanges[0]?.start.line ?? -1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('scrolls with the editor to a table row, and scrolls the editor with it', async () => {
    const editor = await openNote(SCROLL_NOTE);
    await vscode.commands.executeCommand('attackNotes.openPreviewToSide');
    await readUntil('tr[data-line]', (s) => s.elements.length >= 80, 'the 80-row table');

    // Editor → preview: the row at the editor's top line is at the preview's top.
    const editorRow = await revealAtTop(editor, lineOf(editor.document, 'Table row 55.'));
    await previewTopIs('tr', editorRow);

    // Preview → editor: scrolling the preview to another row scrolls the editor to its line.
    const previewRow = lineOf(editor.document, 'Table row 12.');
    await scrollWebviewTo(`tr[data-line="${previewRow}"]`);
    await eventually(
      async () => (atEditorTop(editor, previewRow) ? true : undefined),
      TIMEOUT_MS,
      `the editor scrolled to line ${previewRow}`,
    );
    // No echo: the preview stays on the row it was scrolled to.
    const row = await readWebview(`tr[data-line="${previewRow}"]`);
    assert.ok(Math.abs(row.elements[0]!.top) <= 3, `row moved to ${row.elements[0]?.top} px`);
  });

  it('jumps to the reference of a clicked citation, and the editor follows', async () => {
    const editor = await openNote(SCROLL_NOTE);
    await vscode.commands.executeCommand('attackNotes.openPreviewToSide');
    await revealAtTop(editor, 0);
    const citation = await readUntil(
      'a.citation',
      (s) => s.elements.length === 1 && s.scrollY === 0,
      'the citation at the top of the preview',
    );
    const href = citation.elements[0]?.attributes.href ?? '';
    assert.match(href, /^#ref-/);
    const before = await readWebview(`[id="${href.slice(1)}"]`);
    assert.ok(
      (before.elements[0]?.top ?? 0) > before.viewportHeight,
      'the reference is in view already',
    );
    await clickInWebview('a.citation');
    const reference = await readUntil(
      `[id="${href.slice(1)}"]`,
      (s) => {
        const element = s.elements[0];
        return element !== undefined && element.top >= 0 && element.bottom <= s.viewportHeight;
      },
      'the reference line (at the end of the note) in view',
    );
    assert.match(reference.elements[0]?.text ?? '', /Scroll Test Report/);
    // The reference is near the end, where the preview can scroll no further; the editor follows
    // to the preview's top line, which lies past the table.
    const tableEnd = lineOf(editor.document, 'Table row 80.');
    await eventually(
      async () => ((editor.visibleRanges[0]?.start.line ?? 0) > tableEnd ? true : undefined),
      TIMEOUT_MS,
      `the editor scrolled past line ${tableEnd}`,
    );
  });

  it('renders a hostile note without running script or making a request', async () => {
    // A fresh panel while recording: its own script and style sheet show that the recorder sees
    // the webview's requests.
    await closePreview();
    await recordRequests();
    let requests;
    try {
      await showHostileNoteInPreview();
      const page = await readWebview(
        // (A GFM task-list checkbox, disabled, is the only input the sanitiser lets through.)
        '#attack-notes-preview :is(script, iframe, frame, object, embed, form, input:not([type="checkbox"][disabled]), button, svg, style, meta, base, link), #attack-notes-preview [onerror], #attack-notes-preview [onload], #attack-notes-preview [onclick], #attack-notes-preview [style], #attack-notes-preview a:is([href^="javascript:" i], [href^="data:" i], [href^="command:" i], [href^="vscode:" i], [href^="file:" i])',
        ['__attackNotesHostile'],
      );
      assert.deepEqual(
        page.elements.map((e) => `<${e.tag} ${JSON.stringify(e.attributes)}>`),
        [],
        'dangerous elements or attributes reached the webview',
      );
      assert.deepEqual(page.definedGlobals, [], 'a hostile script set a global');
      // The page's own policy, the second line of defence behind the sanitiser.
      const policy = await readWebview('meta[http-equiv="Content-Security-Policy"]');
      assert.equal(policy.elements.length, 1);
      const directives = (policy.elements[0]?.attributes.content ?? '').split(/;\s*/);
      assert.equal(directives[0], "default-src 'none'");
      assert.match(directives[1] ?? '', /^script-src 'nonce-[A-Za-z0-9+/=]{16,}'$/);
      // style, img and font: only the webview's own source (VS Code's cspSource: 'self' and its
      // resource host), never 'unsafe-inline', data: or another host.
      const ownSources = directives.slice(2).map((d) => d.replace(/^(style|img|font)-src /, ''));
      assert.equal(ownSources.length, 3, directives.join('; '));
      assert.ok(
        ownSources.every(
          (sources) =>
            sources === ownSources[0] &&
            sources.split(' ').every((source) => /^('self'|https:\/\/[\w*.-]+)$/.test(source)),
        ),
        directives.join('; '),
      );
      assert.doesNotMatch(page.title, /pwned/);
      assert.match(
        texts(await readWebview('#attack-notes-preview'))[0] ?? '',
        /Before the payloads\.[\s\S]*After the payloads\./,
      );
      // A link to an outside page goes through the extension, never navigates the webview, and
      // opens only if the user says yes when VS Code asks.
      await expectLinkProtection('https://evil.example/x', () =>
        clickInWebview('#attack-notes-preview a[href="https://evil.example/x"]'),
      );
      const after = await readWebview('#attack-notes-preview', ['__attackNotesHostile']);
      assert.doesNotMatch(after.title, /pwned/);
      assert.match(after.elements[0]?.text ?? '', /After the payloads\./);
    } finally {
      requests = await stopRecording();
    }
    const remote = requests.filter((request) => {
      const url = new URL(request.url);
      if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
      return (
        !['127.0.0.1', 'localhost'].includes(url.hostname) &&
        !url.hostname.endsWith('.vscode-cdn.net')
      );
    });
    console.log(`preview: ${requests.length} requests recorded while the hostile note was shown`);
    assert.ok(
      requests.some((request) => request.url.endsWith('/dist/preview/preview.css')),
      `the recorder missed the panel's own style sheet: ${JSON.stringify(requests)}`,
    );
    assert.deepEqual(remote, [], 'requests left the machine while the hostile note was shown');
    assert.deepEqual(
      requests.filter((request) => request.url.includes('evil.example')),
      [],
      'the hostile note made a request',
    );
  });
  it('opens nothing that hostile messages or links ask for, and a web page only after asking', async () => {
    // A note outside the workspace, which a message must not be able to open.
    const outside = vscode.Uri.file(
      path.join(os.tmpdir(), `attack-notes-outside-${process.pid}.md`),
    );
    await vscode.workspace.fs.writeFile(outside, new TextEncoder().encode('# Outside\n'));
    try {
      await closePreview();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await showHostileNoteInPreview();
      const terminals = vscode.window.terminals.length;
      const logFrom = extensionLog().split('\n').length - 1;
      const workbench = await readWorkbench();
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.path ?? '/nowhere';

      // Links a note may hold: the sanitiser drops their targets, the script opens nothing.
      for (const text of ['open a terminal', 'read a file', 'change a setting', 'raw command link'])
        await clickInWebview(`#attack-notes-preview a:has-text("${text}")`);
      // Messages a page taken over by a note could send, straight into the host's message path.
      const inside = noteUri('notes').toString();
      await postFromWebview([
        { type: 'runCommand', command: 'workbench.action.terminal.new' },
        { type: 'openNote', uri: 'command:workbench.action.terminal.new' },
        { type: 'openNote', uri: outside.toString() },
        { type: 'openNote', uri: `${inside}/../../${path.basename(outside.path)}` },
        { type: 'openNote', uri: 'file:///etc/passwd' },
        {
          type: 'openNote',
          uri: 'vscode://vscode.git/clone?url=https%3A%2F%2Fevil.example%2Fr.git',
        },
        { type: 'pickNote', uris: ['command:workbench.action.terminal.new', outside.toString()] },
        { type: 'openExternal', url: 'command:workbench.action.terminal.new' },
        { type: 'openExternal', url: outside.toString() },
        { type: 'openExternal', url: 'vscode://settings/security.workspace.trust.enabled' },
        { type: 'openExternal', url: "javascript:document.title='pwned-external'" },
        { type: 'openExternal', url: 'data:text/html,<script>alert(1)</script>' },
        { type: 'openNote', uri: 42 },
        null,
        'openNote',
        { type: 'revealLine', line: 1e12 },
        // Last, one the panel does act on: once it has, the ones before were handled.
        { type: 'openNote', uri: noteUri(POWERSHELL).toString() },
      ]);
      await waitForActiveNote(POWERSHELL);
      // Each was seen and refused, by the gate (unknown or malformed: once a kind) or the policy.
      const log = extensionLog().split('\n').slice(logFrom).join('\n');
      for (const expected of [
        'Preview: dropped a message from the webview: unknown type "runCommand"',
        'Preview: dropped a message from the webview: malformed "openNote"',
        'Preview: dropped a message from the webview: not an object (object)',
        'Preview: dropped a message from the webview: not an object (string)',
        'Preview: dropped a message from the webview: malformed "revealLine"',
        'Preview: refused to open "command:workbench.action.terminal.new": not a file URI (command:)',
        `Preview: refused to open ${JSON.stringify(outside.toString())}: outside the workspace folders`,
        'the path has . or .. segments',
        'Preview: refused to open "file:///etc/passwd": not a Markdown note',
        'not a file URI (vscode:)',
        'Preview: refused to open "command:workbench.action.terminal.new": not an http or https URL (command:)',
        `Preview: refused to open ${JSON.stringify(outside.toString())}: not an http or https URL (file:)`,
        'not an http or https URL (vscode:)',
        'not an http or https URL (javascript:)',
        'not an http or https URL (data:)',
      ])
        assert.ok(log.includes(expected), `not in the log: ${expected}\n${log}`);

      assert.equal(vscode.window.terminals.length, terminals, 'a terminal was opened');
      const opened = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .map((tab) => tab.input)
        .filter((input): input is vscode.TabInputText => input instanceof vscode.TabInputText)
        .map((input) => input.uri);
      for (const uri of opened) {
        assert.equal(uri.scheme, 'file', `a ${uri.scheme}: tab was opened`);
        assert.ok(
          uri.path.startsWith(`${folder}/`),
          `${uri.path} outside the workspace was opened`,
        );
      }
      const state = await readWorkbench();
      assert.deepEqual(state.dialogs, [], 'the workbench shows a dialog');
      assert.equal(state.pages, workbench.pages, 'a browser page was opened');
      const page = await readWebview('#attack-notes-preview', ['__attackNotesHostile']);
      assert.doesNotMatch(page.title, /pwned/);

      // A web page is another matter: VS Code asks first, and No opens nothing.
      await expectLinkProtection('https://evil.example/consent', () =>
        postFromWebview([{ type: 'openExternal', url: 'https://evil.example/consent' }]),
      );
    } finally {
      await vscode.workspace.fs.delete(outside).then(undefined, () => undefined);
    }
  });
});
