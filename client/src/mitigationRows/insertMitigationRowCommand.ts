// ATT&CK Notes: Insert Mitigation Row. Asks the server which mitigations the note's table could
// take, lets the author pick, applies the server's edit and, for one row, puts the cursor in its
// Description cell. Run from the palette, the editor's context menu or the server's code action
// (which passes the note's URI).
import {
  commands,
  EventEmitter,
  Selection,
  TextEditorRevealType,
  Uri,
  window,
  workspace,
  type Disposable,
  type QuickPick,
  type TextDocument,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { pickMitigations, type MitigationPickItem } from './mitigationPicker';
import {
  INSERT_MITIGATION_ROW_COMMAND,
  INSERT_MITIGATION_ROWS_REQUEST,
  MITIGATION_CANDIDATES_REQUEST,
  type InsertMitigationRowsParams,
  type InsertMitigationRowsResult,
  type MitigationCandidatesParams,
  type MitigationCandidatesResult,
} from '../../../server/src/lsp/codeActionProtocol';

const PREFIX = 'ATT&CK Notes:';

export interface InsertMitigationRowRegistration extends Disposable {
  /** Fires with each picker the command opens, once it is on screen. */
  readonly onDidShowPicker: EventEmitter<QuickPick<MitigationPickItem>>['event'];
}

export function registerInsertMitigationRowCommand(
  ready: Promise<LanguageClient>,
): InsertMitigationRowRegistration {
  const pickerShown = new EventEmitter<QuickPick<MitigationPickItem>>();
  const command = commands.registerCommand(
    INSERT_MITIGATION_ROW_COMMAND,
    async (note?: unknown) => {
      const document = await targetDocument(note);
      if (!document) {
        void window.showInformationMessage(
          `${PREFIX} open a technique note to insert a mitigation row.`,
        );
        return;
      }
      try {
        await insertRows(await ready, document, (picker) => pickerShown.fire(picker));
      } catch (error) {
        void window.showErrorMessage(
          `${PREFIX} Insert Mitigation Row failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
  );
  return {
    onDidShowPicker: pickerShown.event,
    dispose: () => {
      command.dispose();
      pickerShown.dispose();
    },
  };
}

/**
 * The note to fill: the code action passes its URI as a string, the editor's context menu passes
 * the editor's Uri, the command palette passes nothing (the active editor's note).
 */
async function targetDocument(note: unknown): Promise<TextDocument | undefined> {
  if (typeof note === 'string' && note !== '') return workspace.openTextDocument(Uri.parse(note));
  if (note instanceof Uri) return workspace.openTextDocument(note);
  const active = window.activeTextEditor?.document;
  return active?.languageId === 'markdown' ? active : undefined;
}

async function insertRows(
  client: LanguageClient,
  document: TextDocument,
  shown: (picker: QuickPick<MitigationPickItem>) => void,
): Promise<void> {
  const uri = client.code2ProtocolConverter.asUri(document.uri);
  const noteName = workspace.asRelativePath(document.uri);
  const candidatesParams: MitigationCandidatesParams = { textDocument: { uri } };
  const candidates = await client.sendRequest<MitigationCandidatesResult>(
    MITIGATION_CANDIDATES_REQUEST,
    candidatesParams,
  );
  if (!candidates) {
    void window.showInformationMessage(
      `${PREFIX} ${noteName} is not a technique note, so it has no Mitigations table to fill.`,
    );
    return;
  }
  if (candidates.items.length === 0) {
    void window.showInformationMessage(
      `${PREFIX} every mitigation of the domain is already in the table of ${noteName}.`,
    );
    return;
  }
  const ids = await pickMitigations(candidates.items, noteName, shown);
  if (!ids) return;

  const rowsParams: InsertMitigationRowsParams = {
    textDocument: { uri, version: document.version },
    ids,
  };
  const result = await client.sendRequest<InsertMitigationRowsResult>(
    INSERT_MITIGATION_ROWS_REQUEST,
    rowsParams,
  );
  if (!result) {
    void window.showWarningMessage(
      `${PREFIX} ${noteName} changed while the list was open; run Insert Mitigation Row again.`,
    );
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await workspace.applyEdit(edit))) {
    void window.showWarningMessage(`${PREFIX} the rows could not be inserted into ${noteName}.`);
    return;
  }
  if (result.cursor) {
    const editor = await window.showTextDocument(document);
    const cursor = client.protocol2CodeConverter.asPosition(result.cursor);
    editor.selection = new Selection(cursor, cursor);
    editor.revealRange(editor.selection, TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
