// An empty cell of the matrix: offer the note the link-broken quick fix would create for the ID
// (the server writes it: attackNotes/newNoteForId), then create the file and open it.
import { Uri, ViewColumn, window, workspace, WorkspaceEdit, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { TechniqueCoverage } from '../../../server/src/lsp/protocol/coverageRequest';
import {
  NEW_NOTE_REQUEST,
  type NewNoteParams,
  type NewNoteResult,
} from '../../../server/src/lsp/protocol/matrixRequests';
import { allowedNoteUri } from '../webview/allowedNote';

/** The workspace folder new notes go to: the active note's, else the server's choice. */
function targetFolder(): Uri | undefined {
  const active = window.activeTextEditor?.document.uri;
  return active ? workspace.getWorkspaceFolder(active)?.uri : undefined;
}

export async function offerToCreateNote(
  clientReady: Promise<LanguageClient>,
  record: Pick<TechniqueCoverage, 'id' | 'name'>,
  log: OutputChannel,
): Promise<Uri | undefined> {
  const client = await clientReady;
  const folder = targetFolder();
  const params: NewNoteParams = {
    id: record.id,
    ...(folder ? { folderUri: client.code2ProtocolConverter.asUri(folder) } : {}),
  };
  const result = await client.sendRequest<NewNoteResult>(NEW_NOTE_REQUEST, params);
  if ('problem' in result) {
    void window.showWarningMessage(`ATT&CK Notes: ${result.problem}`);
    return undefined;
  }
  const uri = allowedNoteUri(result.uri, log, 'Coverage matrix');
  if (!uri) return undefined;
  const create = {
    label: `$(new-file) Create ${result.vaultPath}`,
    detail: `A note for ${result.title}, with ATT&CK's tactics, platforms and mapped mitigations`,
  };
  const picked = await window.showQuickPick([create], {
    title: `The vault has no note for ${record.id} ${record.name}`,
    placeHolder: 'Create the note?',
  });
  if (picked !== create) return undefined;
  const edit = new WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: false, contents: new TextEncoder().encode(result.text) });
  if (!(await workspace.applyEdit(edit))) {
    void window.showWarningMessage(`ATT&CK Notes: ${result.vaultPath} could not be created.`);
    return undefined;
  }
  const document = await workspace.openTextDocument(uri);
  await window.showTextDocument(document, { viewColumn: ViewColumn.Beside });
  return uri;
}
