// Commands, context key and serializer of the preview panel. Call from `activate`.
import {
  commands,
  Uri,
  ViewColumn,
  window,
  type ExtensionContext,
  type OutputChannel,
  type TextEditor,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parsePreviewState } from './messages';
import { isPreviewableNote, PREVIEW_VIEW_TYPE, PreviewPanelManager } from './previewPanel';

export const OPEN_PREVIEW_COMMAND = 'attackNotes.openPreview';
export const OPEN_PREVIEW_TO_SIDE_COMMAND = 'attackNotes.openPreviewToSide';
/**
 * True while the active editor shows a Markdown note of a workspace folder. The editor title
 * button and the keybindings (package.json) use it, so on other Markdown files the built-in
 * preview keeps its keys.
 */
export const NOTE_ACTIVE_CONTEXT = 'attackNotes.activeEditorIsNote';

export function registerPreview(
  context: ExtensionContext,
  ready: Promise<LanguageClient>,
  log: OutputChannel,
): PreviewPanelManager {
  const manager = new PreviewPanelManager(context.extensionUri, ready, log);

  const setNoteContext = (editor: TextEditor | undefined) =>
    void commands.executeCommand(
      'setContext',
      NOTE_ACTIVE_CONTEXT,
      editor !== undefined && isPreviewableNote(editor.document),
    );
  setNoteContext(window.activeTextEditor);

  // The editor title button passes the file's URI; the palette and keybindings pass nothing.
  const target = (resource: unknown): Uri | undefined => {
    if (resource instanceof Uri) return resource;
    const editor = window.activeTextEditor;
    return editor && isPreviewableNote(editor.document) ? editor.document.uri : undefined;
  };
  const open = (resource: unknown, column: ViewColumn, preserveFocus: boolean) => {
    const uri = target(resource);
    if (uri) manager.show(uri, column, preserveFocus);
    else
      void window.showInformationMessage(
        'ATT&CK Notes: open a Markdown note of the workspace to preview it.',
      );
  };

  context.subscriptions.push(
    manager,
    window.onDidChangeActiveTextEditor(setNoteContext),
    commands.registerCommand(OPEN_PREVIEW_COMMAND, (resource: unknown) =>
      open(resource, ViewColumn.Active, false),
    ),
    commands.registerCommand(OPEN_PREVIEW_TO_SIDE_COMMAND, (resource: unknown) =>
      open(resource, ViewColumn.Beside, true),
    ),
    // After a window reload VS Code recreates the panel and hands back the webview's saved state.
    window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        manager.restore(panel, parsePreviewState(state));
      },
    }),
  );
  return manager;
}
