// Creates the language client that runs dist/server.js. Kept apart from extension.ts so the UI
// modules (status bar, preview, commands) only see a started client, never its wiring.
import { workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export const CLIENT_ID = 'attackNotes';
export const CLIENT_NAME = 'ATT&CK Notes';

export function createLanguageClient(
  context: ExtensionContext,
  outputChannel: OutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    // Port 6009 so "Attach to Server" launch configurations can find it.
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  // The watcher is disposed with the extension; the server learns of notes created, renamed or
  // deleted outside the editor (git pull, Obsidian) through workspace/didChangeWatchedFiles.
  const watcher = workspace.createFileSystemWatcher('**/*.md');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel,
    synchronize: { fileEvents: watcher, configurationSection: 'attackNotes' },
    // Bundles inside an untrusted workspace are not loaded; trust granted later is sent as
    // attackNotes/workspaceTrust (see knowledgeBaseStatus.ts).
    initializationOptions: { workspaceTrusted: workspace.isTrusted },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
