// The preview panel: one webview beside (or instead of) the editor that shows the active note as
// the server renders it (attackNotes/preview). It follows the active note, re-renders while the
// note is edited (throttled), keeps the editor and the preview scrolled to the same line, and turns
// clicks in the webview into editor actions after checking what the webview asks for.
import {
  env,
  Range,
  Selection,
  TextEditorRevealType,
  Uri,
  ViewColumn,
  window,
  workspace,
  type Disposable,
  type OutputChannel,
  type TextDocument,
  type TextEditor,
  type WebviewOptions,
  type WebviewPanel,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  PREVIEW_REQUEST,
  type PreviewParams,
  type PreviewResult,
} from '../../../server/src/lsp/protocol/previewRequest';
import {
  PREVIEW_MESSAGE_VALIDATORS,
  type ExtensionToWebviewMessage,
  type PreviewState,
  type WebviewToExtensionMessage,
} from './messages';
import { previewPageHtml } from './previewHtml';
import { allowedNoteUri, allowedWebUri } from '../webview/allowedNote';
import { MessageGate } from '../webview/messageGate';
import { webviewOptions } from '../webview/webviewPage';

export const PREVIEW_VIEW_TYPE = 'attackNotes.preview';

/** Shortest time between two renders while typing: at most about three a second. */
const RENDER_INTERVAL_MS = 300;
/**
 * How long editor scroll events are taken for the echo of a reveal the preview asked for. Without
 * it the editor's answer would scroll the preview again, which would scroll the editor again.
 */
const REVEAL_ECHO_MS = 1000;
/**
 * How far above a line revealed at the top the editor may report its first visible line: sticky
 * headings cover up to five lines (`editor.stickyScroll.maxLineCount`).
 */
const STICKY_LINES = 5;

/** A Markdown file of a workspace folder: what the server indexes and the preview can show. */
export function isPreviewableNote(document: TextDocument): boolean {
  return (
    document.languageId === 'markdown' &&
    document.uri.scheme === 'file' &&
    workspace.getWorkspaceFolder(document.uri) !== undefined
  );
}

function topLine(editor: TextEditor): number {
  return editor.visibleRanges[0]?.start.line ?? 0;
}

export class PreviewPanelManager implements Disposable {
  private panel: WebviewPanel | undefined;
  private panelSubscriptions: Disposable[] = [];
  private readonly subscriptions: Disposable[];
  /** The note on show (or about to be). */
  private noteUri: Uri | undefined;
  /** The last content sent, re-sent when the webview reloads (hidden and shown again). */
  private shown: PreviewResult | undefined;
  /**
   * Whether the next update scrolls the page to the editor's top line (a note just switched to, a
   * fresh page) instead of keeping the page's own position (an edit).
   */
  private alignNextUpdate = false;
  /** Where a restored panel was, used while no editor shows its note. */
  private restoredLine: number | undefined;
  private renderTimer: NodeJS.Timeout | undefined;
  private rendering = false;
  private renderAgain = false;
  private lastRenderAt = 0;
  /** The reveal the preview last asked for, whose scroll events are not sent back to it. */
  private revealEcho: { line: number; until: number } | undefined;
  /** Every message from the webview passes here: expected shapes only, drops logged once. */
  private readonly gate: MessageGate<WebviewToExtensionMessage>;

  constructor(
    private readonly extensionUri: Uri,
    private readonly client: Promise<LanguageClient>,
    private readonly log: OutputChannel,
  ) {
    this.gate = new MessageGate(PREVIEW_MESSAGE_VALIDATORS, log, 'Preview');
    this.subscriptions = [
      window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isPreviewableNote(editor.document)) this.follow(editor);
      }),
      workspace.onDidChangeTextDocument((event) => {
        if (!this.isShown(event.document.uri) || event.contentChanges.length === 0) return;
        // A hidden panel's page is gone; it renders afresh when shown again (its `ready`).
        if (this.panel?.visible) this.scheduleRender();
        else this.shown = undefined;
      }),
      window.onDidChangeTextEditorVisibleRanges((event) => {
        if (!this.isShown(event.textEditor.document.uri)) return;
        const line = topLine(event.textEditor);
        if (this.isRevealEcho(line)) return;
        this.post({ type: 'scrollToLine', line });
      }),
    ];
  }

  /** The note the panel shows, if a panel is open. */
  get currentNote(): Uri | undefined {
    return this.panel ? this.noteUri : undefined;
  }

  /** Opens (or reveals) the panel in `column` on `uri`. */
  show(uri: Uri, column: ViewColumn, preserveFocus: boolean): void {
    if (this.panel) {
      this.panel.reveal(column, preserveFocus);
    } else {
      const panel = window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        'Preview',
        { viewColumn: column, preserveFocus },
        this.webviewOptions(),
      );
      this.adopt(panel);
    }
    if (!this.isShown(uri)) this.switchTo(uri, undefined);
  }

  /** Takes over a panel VS Code restored after a reload (the serializer's state names the note). */
  restore(panel: WebviewPanel, state: PreviewState | undefined): void {
    const uri = state ? this.allowedNote(state.uri) : undefined;
    if (!uri) {
      panel.dispose();
      return;
    }
    this.panel?.dispose();
    panel.webview.options = this.webviewOptions();
    this.adopt(panel);
    this.switchTo(uri, state?.line);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    clearTimeout(this.renderTimer);
  }

  private webviewOptions(): WebviewOptions {
    return webviewOptions(this.extensionUri);
  }

  private adopt(panel: WebviewPanel): void {
    this.panel = panel;
    panel.webview.html = previewPageHtml(panel.webview, this.extensionUri);
    this.panelSubscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        for (const subscription of this.panelSubscriptions) subscription.dispose();
        this.panelSubscriptions = [];
        this.panel = undefined;
        this.shown = undefined;
        this.noteUri = undefined;
      }),
    ];
  }

  private isShown(uri: Uri): boolean {
    return this.panel !== undefined && this.noteUri?.toString() === uri.toString();
  }

  /** True for the editor's scroll caused by the preview's last reveal (its echo). */
  private isRevealEcho(top: number): boolean {
    const echo = this.revealEcho;
    if (!echo || Date.now() > echo.until) return false;
    return top <= echo.line && echo.line - top <= STICKY_LINES;
  }

  private follow(editor: TextEditor): void {
    if (!this.isShown(editor.document.uri)) this.switchTo(editor.document.uri, undefined);
  }

  private switchTo(uri: Uri, restoredLine: number | undefined): void {
    this.noteUri = uri;
    this.alignNextUpdate = true;
    this.restoredLine = restoredLine;
    this.shown = undefined;
    clearTimeout(this.renderTimer);
    this.renderTimer = undefined;
    void this.render();
  }

  private post(message: ExtensionToWebviewMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  /** Renders again after the current burst of edits: at most once per RENDER_INTERVAL_MS. */
  private scheduleRender(): void {
    if (this.renderTimer) return;
    const wait = Math.max(0, this.lastRenderAt + RENDER_INTERVAL_MS - Date.now());
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      void this.render();
    }, wait);
  }

  private async render(): Promise<void> {
    // One request at a time; edits made meanwhile are rendered when it returns.
    if (this.rendering) {
      this.renderAgain = true;
      return;
    }
    const uri = this.noteUri;
    if (!this.panel || !uri) return;
    this.rendering = true;
    this.lastRenderAt = Date.now();
    try {
      const client = await this.client;
      const params: PreviewParams = {
        textDocument: { uri: client.code2ProtocolConverter.asUri(uri) },
      };
      const result = await client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, params);
      if (uri.toString() !== this.noteUri?.toString() || !this.panel) return;
      if (!result) {
        this.post({
          type: 'problem',
          uri: uri.toString(),
          text: `${workspace.asRelativePath(uri)} is not a note of the indexed vault (excluded, or not Markdown).`,
        });
        return;
      }
      this.shown = result;
      this.panel.title = `Preview ${result.title}`;
      this.sendShown();
      // The server answered for an older text (an edit raced the request): render once more.
      const open = workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open && result.version !== null && result.version < open.version) this.renderAgain = true;
    } catch (error) {
      this.post({
        type: 'problem',
        uri: uri.toString(),
        text: `The preview could not be rendered: ${error instanceof Error ? error.message : String(error)}`,
      });
    } finally {
      this.rendering = false;
      if (this.renderAgain) {
        this.renderAgain = false;
        this.scheduleRender();
      }
    }
  }

  private sendShown(): void {
    if (!this.shown || !this.noteUri) return;
    const { title, html } = this.shown;
    // The editor's position when the content goes out, not when it was asked for: the editor
    // may have scrolled while the server rendered.
    const editor = this.sourceEditor();
    const line = !this.alignNextUpdate ? undefined : editor ? topLine(editor) : this.restoredLine;
    this.alignNextUpdate = false;
    this.post({ type: 'update', uri: this.noteUri.toString(), title, html, line });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = this.gate.admit(raw);
    if (!message) return;
    try {
      await this.act(message);
    } catch (error) {
      this.log.appendLine(`Preview: ${message.type} failed: ${String(error)}`);
    }
  }

  private async act(message: WebviewToExtensionMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        // A fresh page (first load, or shown again after being hidden): give it the content and
        // the editor's position; content that edits made stale while hidden is rendered again.
        this.alignNextUpdate = true;
        if (this.shown) this.sendShown();
        else void this.render();
        return;
      }
      case 'openNote': {
        const target = this.allowedNote(message.uri);
        if (target) await this.openInEditor(target, message.line);
        return;
      }
      case 'pickNote': {
        const targets = message.uris
          .map((uri) => this.allowedNote(uri))
          .filter((uri): uri is Uri => uri !== undefined);
        if (targets.length === 0) return;
        const picked = await window.showQuickPick(
          targets.map((uri) => ({ label: workspace.asRelativePath(uri), uri })),
          { title: 'The link matches several notes', placeHolder: 'Open which note?' },
        );
        if (picked) await this.openInEditor(picked.uri, undefined);
        return;
      }
      case 'openExternal': {
        // The user's consent: VS Code's link protection asks before a domain they have not
        // trusted opens ("Do you want … to open the external website?").
        const url = allowedWebUri(message.url, this.log, 'Preview');
        if (url) await env.openExternal(url);
        return;
      }
      case 'revealLine': {
        const editor = this.sourceEditor();
        if (!editor) return;
        // A fractional line is a wrapped line scrolled part-way: reveal the character as far into
        // it. (A line a hair below an integer is that integer: scroll positions are rounded.)
        const line = Math.min(Math.floor(message.line + 0.01), editor.document.lineCount - 1);
        const fraction = Math.max(0, message.line - line);
        const character = Math.floor(fraction * editor.document.lineAt(line).text.length);
        this.revealEcho = { line, until: Date.now() + REVEAL_ECHO_MS };
        editor.revealRange(new Range(line, character, line, character), TextEditorRevealType.AtTop);
        return;
      }
    }
  }

  /** The note's URI when the webview may open it, else undefined (and the reason is logged). */
  private allowedNote(value: string): Uri | undefined {
    return allowedNoteUri(value, this.log, 'Preview');
  }

  /** The editor showing the previewed note: the active one if it does, else any visible one. */
  private sourceEditor(): TextEditor | undefined {
    const shown = this.noteUri?.toString();
    const showsNote = (editor: TextEditor | undefined) => editor?.document.uri.toString() === shown;
    const active = window.activeTextEditor;
    return showsNote(active) ? active : window.visibleTextEditors.find(showsNote);
  }

  private async openInEditor(uri: Uri, line: number | undefined): Promise<void> {
    // Where the previewed note is shown, so the preview stays beside it; else the panel's group.
    const viewColumn =
      this.sourceEditor()?.viewColumn ?? this.panel?.viewColumn ?? ViewColumn.Active;
    const document = await workspace.openTextDocument(uri);
    const editor = await window.showTextDocument(document, { viewColumn });
    if (line !== undefined && line < document.lineCount) {
      editor.selection = new Selection(line, 0, line, 0);
      editor.revealRange(new Range(line, 0, line, 0), TextEditorRevealType.AtTop);
    }
  }
}
