// The ATT&CK domain of the note in the active editor, as the server tells it (attackNotes/noteDomain).
import { window } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  NOTE_DOMAIN_REQUEST,
  type NoteDomainParams,
  type NoteDomainResult,
} from '../../../server/src/lsp/protocol/matrixRequests';
import { isPreviewableNote } from '../preview/previewPanel';
import type { MatrixDomain } from './matrixView';

/** Undefined when no note of the workspace is active, or the server does not know it. */
export async function activeNoteDomain(
  client: Promise<LanguageClient>,
): Promise<MatrixDomain | undefined> {
  const editor = window.activeTextEditor;
  if (!editor || !isPreviewableNote(editor.document)) return undefined;
  try {
    const ready = await client;
    const params: NoteDomainParams = {
      textDocument: { uri: ready.code2ProtocolConverter.asUri(editor.document.uri) },
    };
    const result = await ready.sendRequest<NoteDomainResult | null>(NOTE_DOMAIN_REQUEST, params);
    return result?.domain;
  } catch {
    // No domain to follow: the matrix keeps the one on show.
    return undefined;
  }
}
