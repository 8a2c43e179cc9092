import type { Connection } from 'vscode-languageserver/node';
import type { NoteIdentity } from '../core/model/types';
import { NOTE_KIND_REQUEST, type NoteKindParams, type NoteKindResult } from './noteKindProtocol';

/**
 * Answers `attackNotes/noteKind` from the identity the index keeps for every note (known without
 * building the note's full model).
 */
export function wireNoteKind(
  connection: Connection,
  identityOf: (uri: string) => NoteIdentity | undefined,
): void {
  connection.onRequest(NOTE_KIND_REQUEST, ({ textDocument }: NoteKindParams): NoteKindResult => {
    const identity = identityOf(textDocument.uri);
    return { kind: identity?.kind ?? null, id: identity?.id ?? null };
  });
}
