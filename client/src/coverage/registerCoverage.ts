// Commands and serializer of the coverage matrix, and the Navigator layer export. Call from `activate`.
import { commands, window, type ExtensionContext, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportNavigatorLayer } from './exportLayer';
import { MATRIX_VIEW_TYPE, MatrixPanelManager } from './matrixPanel';
import { isMatrixDomain, parseMatrixState } from './messages';

export const SHOW_COVERAGE_MATRIX_COMMAND = 'attackNotes.showCoverageMatrix';
export const EXPORT_NAVIGATOR_LAYER_COMMAND = 'attackNotes.exportNavigatorLayer';

export function registerCoverage(
  context: ExtensionContext,
  ready: Promise<LanguageClient>,
  log: OutputChannel,
): MatrixPanelManager {
  const manager = new MatrixPanelManager(context.extensionUri, ready, log);
  context.subscriptions.push(
    manager,
    // The palette passes nothing; a domain argument (other extensions, tests) picks the matrix.
    commands.registerCommand(SHOW_COVERAGE_MATRIX_COMMAND, (domain: unknown) =>
      manager.show(isMatrixDomain(domain) ? domain : undefined),
    ),
    commands.registerCommand(EXPORT_NAVIGATOR_LAYER_COMMAND, (options: unknown) =>
      exportNavigatorLayer(ready, manager.currentDomain, options, log),
    ),
    window.registerWebviewPanelSerializer(MATRIX_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        manager.restore(panel, parseMatrixState(state));
      },
    }),
  );
  return manager;
}
