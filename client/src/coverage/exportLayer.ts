// ATT&CK Notes: Export Navigator Layer. Asks for the domain and the score, then where to save,
// and writes the layer the server builds (attackNotes/navigatorLayer, the same as
// `attack-notes layer`).
import { Uri, window, workspace, type OutputChannel, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  NAVIGATOR_LAYER_REQUEST,
  type LayerScore,
  type NavigatorLayerParams,
  type NavigatorLayerResult,
} from '../../../server/src/lsp/protocol/coverageRequest';
import { activeNoteDomain } from './activeDomain';
import { DOMAIN_LABELS, MATRIX_DOMAINS, type MatrixDomain } from './matrixView';
import { isMatrixDomain } from './messages';

/**
 * What a caller may fill in instead of asking (other extensions, tests): any of domain, score and
 * the file to write. Anything else in the argument is ignored.
 */
interface ExportChoices {
  domain?: MatrixDomain;
  score?: LayerScore;
  target?: Uri;
}

function choicesOf(options: unknown): ExportChoices {
  if (typeof options !== 'object' || options === null) return {};
  const given = options as Record<string, unknown>;
  return {
    domain: isMatrixDomain(given.domain) ? given.domain : undefined,
    score: given.score === 'notes' || given.score === 'mitigations' ? given.score : undefined,
    target:
      given.target instanceof Uri && given.target.scheme === 'file' ? given.target : undefined,
  };
}

async function pickDomain(preferred: MatrixDomain | undefined): Promise<MatrixDomain | undefined> {
  const order = preferred
    ? [preferred, ...MATRIX_DOMAINS.filter((d) => d !== preferred)]
    : MATRIX_DOMAINS;
  const picked = await window.showQuickPick(
    order.map((domain) => ({ label: DOMAIN_LABELS[domain], domain })),
    { title: 'Export Navigator Layer (1/2)', placeHolder: 'Which ATT&CK domain?' },
  );
  return picked?.domain;
}

async function pickScore(): Promise<LayerScore | undefined> {
  const items: (QuickPickItem & { score: LayerScore })[] = [
    { label: 'Notes', detail: 'Score 1 for each technique with a note', score: 'notes' },
    {
      label: 'Mitigations',
      detail: 'Score: the share of the mitigations ATT&CK maps that the note lists',
      score: 'mitigations',
    },
  ];
  const picked = await window.showQuickPick(items, {
    title: 'Export Navigator Layer (2/2)',
    placeHolder: 'Score techniques by?',
  });
  return picked?.score;
}

export async function exportNavigatorLayer(
  clientReady: Promise<LanguageClient>,
  matrixDomain: MatrixDomain | undefined,
  options: unknown,
  log: OutputChannel,
): Promise<Uri | undefined> {
  const given = choicesOf(options);
  const domain =
    given.domain ?? (await pickDomain(matrixDomain ?? (await activeNoteDomain(clientReady))));
  if (!domain) return undefined;
  const score = given.score ?? (await pickScore());
  if (!score) return undefined;
  const folder = workspace.workspaceFolders?.[0]?.uri;
  const target =
    given.target ??
    (await window.showSaveDialog({
      title: 'Save the ATT&CK Navigator layer',
      saveLabel: 'Save Layer',
      filters: { 'ATT&CK Navigator layer': ['json'] },
      defaultUri: folder ? Uri.joinPath(folder, `attack-notes-${domain}-${score}.json`) : undefined,
    }));
  if (!target) return undefined;

  const client = await clientReady;
  const params: NavigatorLayerParams = { domain, score };
  let result: NavigatorLayerResult;
  try {
    result = await client.sendRequest<NavigatorLayerResult>(NAVIGATOR_LAYER_REQUEST, params);
  } catch (error) {
    void window.showErrorMessage(
      `ATT&CK Notes: the layer could not be built: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
  await workspace.fs.writeFile(
    target,
    new TextEncoder().encode(`${JSON.stringify(result.layer, null, 2)}\n`),
  );
  const leftOut =
    result.customLeftOut > 0
      ? ` ${result.customLeftOut} technique(s) with custom IDs were left out (the Navigator knows only ATT&CK's).`
      : '';
  log.appendLine(
    `Navigator layer (${domain}, ${score}) written to ${target.toString()}.${leftOut}`,
  );
  void window.showInformationMessage(
    `ATT&CK Notes: saved the ${DOMAIN_LABELS[domain]} layer to ${workspace.asRelativePath(target)}. ` +
      `In the ATT&CK Navigator: Open Existing Layer, Upload from local.${leftOut}`,
  );
  return target;
}
