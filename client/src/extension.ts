// Extension entry point. The client stays thin: it starts the language server and hosts UI;
// every check and every answer about notes comes from the server.
import { window, type ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCoverage } from './coverage/registerCoverage';
import { registerKnowledgeBaseStatus } from './knowledgeBaseStatus';
import { CLIENT_NAME, createLanguageClient } from './languageClient';
import { registerInsertMitigationRowCommand } from './mitigationRows/insertMitigationRowCommand';
import type { MitigationPickerShown } from './mitigationRows/mitigationPicker';
import { trackTechniqueNoteContext } from './mitigationRows/techniqueNoteContext';
import { registerPreview } from './preview/registerPreview';
import { registerShowReferencesCommand } from './showReferencesCommand';

/** What `activate` returns: tests (and other extensions) wait on `client` for a running server. */
export interface AttackNotesApi {
  readonly client: Promise<LanguageClient>;
  /** Each Insert Mitigation Row picker as it opens (the real-VS-Code tests answer it). */
  readonly onDidShowMitigationPicker: MitigationPickerShown;
}

let running: LanguageClient | undefined;

export function activate(context: ExtensionContext): AttackNotesApi {
  const outputChannel = window.createOutputChannel(CLIENT_NAME);
  context.subscriptions.push(outputChannel);
  const client = createLanguageClient(context, outputChannel);
  running = client;
  // start() resolves after the initialize handshake, i.e. when the server can answer requests.
  const ready = client.start().then(
    () => client,
    (error: unknown) => {
      outputChannel.appendLine(`The language server did not start: ${String(error)}`);
      throw error;
    },
  );
  // The API consumer sees the rejection; this catch only keeps it out of the unhandled log.
  ready.catch(() => undefined);
  // UI modules register here, each given `ready` (status bar, preview panel, commands).
  registerKnowledgeBaseStatus(context, ready);
  context.subscriptions.push(registerShowReferencesCommand(client));
  registerPreview(context, ready, outputChannel);
  registerCoverage(context, ready, outputChannel);
  const insertMitigationRow = registerInsertMitigationRowCommand(ready);
  context.subscriptions.push(insertMitigationRow, trackTechniqueNoteContext(ready));
  return { client: ready, onDidShowMitigationPicker: insertMitigationRow.onDidShowPicker };
}

export async function deactivate(): Promise<void> {
  // stop() ends the server process; VS Code waits for the returned promise on shutdown.
  await running?.stop();
  running = undefined;
}
