// Creates the language client that runs dist/server.js. Kept apart from extension.ts so the UI
// modules (status bar, preview, commands) only see a started client, never its wiring.
import { extensions, window, workspace, type ExtensionContext, type OutputChannel } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';
import { SERVER_ENVIRONMENT_OVERRIDES } from './serverEnvironment';

export const CLIENT_ID = 'attackNotes';
export const CLIENT_NAME = 'ATT&CK Notes';
/** VS Code's own Markdown language features (outline, links); absent when the user disabled it. */
const BUILT_IN_MARKDOWN = 'vscode.markdown-language-features';

export function createLanguageClient(
  context: ExtensionContext,
  outputChannel: OutputChannel,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // vscode-languageclient lays `env` over the extension host's environment.
  const env = SERVER_ENVIRONMENT_OVERRIDES;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    // Port 6009 so "Attach to Server" launch configurations can find it.
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { env, execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel,
    errorHandler: restartingErrorHandler(new RestartPolicy(CLIENT_NAME)),
    // No client-side file watcher: the server registers its own (notes and .attack-notes.json)
    // through workspace/didChangeWatchedFiles, as it must for other editors, and two watchers
    // would deliver every event twice. `files.exclude` changes what the index holds.
    synchronize: { configurationSection: ['attackNotes', 'files.exclude'] },
    // An untrusted workspace loads no STIX bundle and reads rule severities only
    // (server/src/lsp/workspaceTrustWiring.ts); trust granted later is sent as
    // attackNotes/workspaceTrust (see knowledgeBaseStatus.ts).
    // The server keeps its index's note summaries between sessions in the workspace's storage
    // (none without a workspace), so reopening a vault does not read every note again.
    initializationOptions: {
      workspaceTrusted: workspace.isTrusted,
      indexCacheDirectory: context.storageUri?.fsPath,
      // VS Code's built-in Markdown support outlines the headings, and the Outline lists every
      // provider's symbols: with it enabled the server adds only the table rows, so each heading
      // shows once.
      editorOutlinesHeadings: extensions.getExtension(BUILT_IN_MARKDOWN) !== undefined,
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

/**
 * Restarts a server whose process ended (restartPolicy.ts says when to stop, and what to tell the
 * user once). A connection error only goes to the output: when the process dies, the writes still
 * on their way fail (EPIPE) before the close is seen, and the default handler's answer to the
 * fourth of them (shut the client down) would stop the restart and pop up a message each time.
 */
function restartingErrorHandler(policy: RestartPolicy): ErrorHandler {
  return {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const decision = policy.closed();
      if (!decision.restart) {
        // The client shows this message itself, with a button to its output.
        return { action: CloseAction.DoNotRestart, message: decision.tell };
      }
      if (decision.tell) void window.showWarningMessage(decision.tell);
      // Handled: the client only logs the restart to its output, without a message of its own.
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
