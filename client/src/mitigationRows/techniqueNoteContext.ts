// Keeps the `attackNotes.isTechniqueNote` context key true while the active editor shows a
// technique note, so the editor's context menu offers Insert Mitigation Row only there. The kind
// comes from the server (attackNotes/noteKind), which reads it the same way as every feature.
import { commands, window, workspace, type Disposable, type TextEditor } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  NOTE_KIND_REQUEST,
  type NoteKindParams,
  type NoteKindResult,
} from '../../../server/src/lsp/noteKindProtocol';

export const TECHNIQUE_NOTE_CONTEXT_KEY = 'attackNotes.isTechniqueNote';

/** Typing rarely changes a note's kind: ask again only after the author pauses. */
const AFTER_TYPING_MS = 400;

export function trackTechniqueNoteContext(ready: Promise<LanguageClient>): Disposable {
  let current: boolean | undefined;
  let asked = 0;
  let typingTimer: NodeJS.Timeout | undefined;

  const set = (value: boolean) => {
    if (value === current) return;
    current = value;
    void commands.executeCommand('setContext', TECHNIQUE_NOTE_CONTEXT_KEY, value);
  };

  const refresh = async (editor: TextEditor | undefined) => {
    const question = ++asked;
    if (editor?.document.languageId !== 'markdown') return set(false);
    try {
      const client = await ready;
      const params: NoteKindParams = {
        textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
      };
      const answer = await client.sendRequest<NoteKindResult>(NOTE_KIND_REQUEST, params);
      // A later editor switch asked again meanwhile: its answer is the one that counts.
      if (question === asked) set(answer.kind === 'technique');
    } catch {
      // No server (it failed to start or stopped): the menu entry stays hidden.
      if (question === asked) set(false);
    }
  };

  const subscriptions = [
    window.onDidChangeActiveTextEditor((editor) => void refresh(editor)),
    workspace.onDidChangeTextDocument((event) => {
      if (event.document !== window.activeTextEditor?.document) return;
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => void refresh(window.activeTextEditor), AFTER_TYPING_MS);
    }),
  ];
  void refresh(window.activeTextEditor);
  return {
    dispose: () => {
      clearTimeout(typingTimer);
      subscriptions.forEach((subscription) => subscription.dispose());
    },
  };
}
