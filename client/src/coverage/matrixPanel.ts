// The coverage matrix panel: the vault as the ATT&CK matrix of a domain (attackNotes/coverage),
// coloured by coverage. It follows the domain of the active note (or the one picked in the view),
// refreshes (throttled) when the server says coverage may have changed, and turns cell clicks into
// editor actions: open the cell's note, or offer to create it (createNoteForCell).
import {
  ViewColumn,
  window,
  workspace,
  type Disposable,
  type OutputChannel,
  type TextEditor,
  type Uri,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  COVERAGE_CHANGED_NOTIFICATION,
  COVERAGE_REQUEST,
  type CoverageMatrix,
  type CoverageParams,
} from '../../../server/src/lsp/protocol/coverageRequest';
import { isPreviewableNote } from '../preview/previewPanel';
import { allowedNoteUri } from '../webview/allowedNote';
import { webviewOptions, webviewPageHtml } from '../webview/webviewPage';
import { activeNoteDomain } from './activeDomain';
import { offerToCreateNote } from './createNoteForCell';
import { matrixViewOf, recordOf, type MatrixDomain } from './matrixView';
import { MessageGate } from '../webview/messageGate';
import {
  MATRIX_MESSAGE_VALIDATORS,
  type ExtensionToMatrixMessage,
  type MatrixState,
  type MatrixToExtensionMessage,
} from './messages';

export const MATRIX_VIEW_TYPE = 'attackNotes.coverageMatrix';

/** Shortest time between two refreshes while notes change: at most one a second. */
const REFRESH_INTERVAL_MS = 1000;
/** How long the command waits for the first drawing before it returns without a figure. */
const SHOWN_DEADLINE_MS = 60_000;

/** What the command reports once the matrix is drawn (logged, and returned to tests). */
export interface MatrixShown {
  domain: MatrixDomain;
  cells: number;
  /** From the command to the drawn matrix. */
  totalMs: number;
  /** From the command to the webview's script asking for content (the page's own loading). */
  pageReadyMs: number | undefined;
  /** The attackNotes/coverage request alone. */
  requestMs: number;
  /** The webview building its page. */
  renderMs: number;
}

interface PendingShow {
  startedAt: number;
  pageReadyAt?: number;
  resolve: (shown: MatrixShown | undefined) => void;
  timer: NodeJS.Timeout;
}

export class MatrixPanelManager implements Disposable {
  private panel: WebviewPanel | undefined;
  private panelSubscriptions: Disposable[] = [];
  private readonly subscriptions: Disposable[] = [];
  private domain: MatrixDomain = 'enterprise';
  /** The coverage on show: the source of truth for what a clicked cell opens. */
  private matrix: CoverageMatrix | undefined;
  private lastRequestMs = 0;
  /** A refresh asked for while the panel was hidden, done when it shows again. */
  private stale = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private loading = false;
  private loadAgain = false;
  private lastLoadAt = 0;
  private pendingShow: PendingShow | undefined;
  /** Every message from the webview passes here: expected shapes only, drops logged once. */
  private readonly gate: MessageGate<MatrixToExtensionMessage>;

  constructor(
    private readonly extensionUri: Uri,
    private readonly client: Promise<LanguageClient>,
    private readonly log: OutputChannel,
  ) {
    this.gate = new MessageGate(MATRIX_MESSAGE_VALIDATORS, log, 'Coverage matrix');
    this.subscriptions.push(
      window.onDidChangeActiveTextEditor((editor) => void this.followEditor(editor)),
    );
    void client.then(
      (ready) =>
        this.subscriptions.push(
          ready.onNotification(COVERAGE_CHANGED_NOTIFICATION, () => this.scheduleRefresh()),
        ),
      () => undefined,
    );
  }

  /** The domain on show (or about to be), while a panel is open. */
  get currentDomain(): MatrixDomain | undefined {
    return this.panel ? this.domain : undefined;
  }

  /**
   * Opens (or reveals) the panel on the active note's domain, or `domain` when given. Resolves once
   * the matrix is drawn, with the timings (undefined if that takes longer than the deadline).
   */
  async show(domain: MatrixDomain | undefined): Promise<MatrixShown | undefined> {
    const startedAt = Date.now();
    const shown = new Promise<MatrixShown | undefined>((resolve) => {
      this.pendingShow?.resolve(undefined);
      clearTimeout(this.pendingShow?.timer);
      const timer = setTimeout(() => {
        if (this.pendingShow?.timer === timer) this.pendingShow = undefined;
        resolve(undefined);
      }, SHOWN_DEADLINE_MS);
      this.pendingShow = { startedAt, resolve, timer };
    });
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = window.createWebviewPanel(
        MATRIX_VIEW_TYPE,
        'ATT&CK Coverage',
        { viewColumn: ViewColumn.Active, preserveFocus: false },
        webviewOptions(this.extensionUri),
      );
      this.adopt(panel);
    }
    // The editor's domain is asked for while the page loads; the coverage request follows it.
    const chosen = domain ?? (await activeNoteDomain(this.client)) ?? this.domain;
    this.switchTo(chosen, true);
    return shown;
  }

  /** Takes over a panel VS Code restored after a reload. */
  restore(panel: WebviewPanel, state: MatrixState | undefined): void {
    this.panel?.dispose();
    panel.webview.options = webviewOptions(this.extensionUri);
    this.adopt(panel);
    this.switchTo(state?.domain ?? this.domain, true);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    clearTimeout(this.refreshTimer);
    if (this.pendingShow) {
      clearTimeout(this.pendingShow.timer);
      this.pendingShow.resolve(undefined);
    }
  }

  private adopt(panel: WebviewPanel): void {
    this.panel = panel;
    panel.webview.html = webviewPageHtml(panel.webview, this.extensionUri, {
      assetFolder: ['dist', 'coverage'],
      script: 'matrix.js',
      styleSheet: 'matrix.css',
      title: 'ATT&amp;CK Coverage',
      rootId: 'attack-notes-matrix',
    });
    this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.scheduleRefresh();
      }),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        for (const subscription of this.panelSubscriptions) subscription.dispose();
        this.panelSubscriptions = [];
        this.panel = undefined;
        this.matrix = undefined;
      }),
    ];
  }

  private async followEditor(editor: TextEditor | undefined): Promise<void> {
    if (!this.panel || !editor || !isPreviewableNote(editor.document)) return;
    const domain = await activeNoteDomain(this.client);
    if (domain && domain !== this.domain && this.panel) this.switchTo(domain, true);
  }

  private switchTo(domain: MatrixDomain, announce: boolean): void {
    this.domain = domain;
    this.matrix = undefined;
    if (announce) this.post({ type: 'loading', domain });
    void this.load();
  }

  private post(message: ExtensionToMatrixMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  /** Loads again after the current burst of changes: at most once per REFRESH_INTERVAL_MS. */
  private scheduleRefresh(): void {
    if (!this.panel) return;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.refreshTimer) return;
    const wait = Math.max(0, this.lastLoadAt + REFRESH_INTERVAL_MS - Date.now());
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.load();
    }, wait);
  }

  private async load(): Promise<void> {
    // One request at a time; a change meanwhile loads once more when it returns.
    if (this.loading) {
      this.loadAgain = true;
      return;
    }
    if (!this.panel) return;
    const domain = this.domain;
    this.loading = true;
    this.stale = false;
    this.lastLoadAt = Date.now();
    try {
      const client = await this.client;
      const params: CoverageParams = { domain };
      const matrix = await client.sendRequest<CoverageMatrix>(COVERAGE_REQUEST, params);
      this.lastRequestMs = Date.now() - this.lastLoadAt;
      if (domain !== this.domain || !this.panel) return;
      this.matrix = matrix;
      this.panel.title = `ATT&CK Coverage: ${matrix.summary.covered}/${matrix.summary.techniques}`;
      this.post({ type: 'matrix', view: matrixViewOf(matrix) });
    } catch (error) {
      this.post({
        type: 'problem',
        text: `The coverage could not be computed: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      this.loading = false;
      if (this.loadAgain) {
        this.loadAgain = false;
        this.scheduleRefresh();
      }
    }
  }

  private async receive(raw: unknown): Promise<void> {
    const message = this.gate.admit(raw);
    if (!message) return;
    try {
      await this.act(message);
    } catch (error) {
      this.log.appendLine(`Coverage matrix: ${message.type} failed: ${String(error)}`);
    }
  }

  private async act(message: MatrixToExtensionMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (this.pendingShow && this.pendingShow.pageReadyAt === undefined)
          this.pendingShow.pageReadyAt = Date.now();
        // A fresh page (first load, or shown again after being hidden): give it the matrix.
        if (this.matrix) this.post({ type: 'matrix', view: matrixViewOf(this.matrix) });
        else this.post({ type: 'loading', domain: this.domain });
        return;
      case 'chooseDomain':
        if (message.domain !== this.domain) this.switchTo(message.domain, true);
        return;
      case 'rendered':
        this.reportRendered(message.domain, message.cells, message.ms);
        return;
      case 'cellClicked':
        await this.openCell(message.id);
        return;
    }
  }

  private reportRendered(domain: MatrixDomain, cells: number, renderMs: number): void {
    const pending = this.pendingShow;
    if (!pending || domain !== this.domain) return;
    this.pendingShow = undefined;
    clearTimeout(pending.timer);
    const shown: MatrixShown = {
      domain,
      cells,
      totalMs: Date.now() - pending.startedAt,
      pageReadyMs:
        pending.pageReadyAt === undefined ? undefined : pending.pageReadyAt - pending.startedAt,
      requestMs: this.lastRequestMs,
      renderMs: Math.round(renderMs),
    };
    this.log.appendLine(
      `Coverage matrix (${domain}): ${cells} cells drawn ${shown.totalMs} ms after the command ` +
        `(page loaded after ${shown.pageReadyMs ?? '-'} ms, coverage request ${shown.requestMs} ms, ` +
        `drawing ${shown.renderMs} ms).`,
    );
    pending.resolve(shown);
  }

  /** A covered cell opens its note (several: the user picks one); an empty one offers a new note. */
  private async openCell(id: string): Promise<void> {
    const record = this.matrix ? recordOf(this.matrix, id) : undefined;
    if (!record) {
      this.log.appendLine(`Coverage matrix: ${id} is not a cell of the matrix on show.`);
      return;
    }
    if (record.notes.length === 0) {
      await offerToCreateNote(this.client, record, this.log);
      return;
    }
    const notes = record.notes
      .map((note) => ({ note, uri: allowedNoteUri(note.uri, this.log, 'Coverage matrix') }))
      .filter(
        (entry): entry is { note: (typeof entry)['note']; uri: Uri } => entry.uri !== undefined,
      );
    if (notes.length === 0) return;
    let target = notes[0];
    if (notes.length > 1) {
      const picked = await window.showQuickPick(
        notes.map((entry) => ({
          label: entry.note.vaultPath,
          description: `${entry.note.listedMitigations}/${record.mappedMitigations} mitigations`,
          entry,
        })),
        {
          title: `${record.id} ${record.name} has ${notes.length} notes`,
          placeHolder: 'Open which note?',
        },
      );
      if (!picked) return;
      target = picked.entry;
    }
    const document = await workspace.openTextDocument(target.uri);
    await window.showTextDocument(document, { viewColumn: ViewColumn.Beside });
  }
}
