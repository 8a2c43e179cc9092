import type { NoteKind } from '../core/model/types';

/**
 * Request (client → server): the ATT&CK kind of an open note, from its identity (front matter,
 * ID heading or file name). Plain constants and types only, so the VS Code client can import it;
 * the client turns the answer into the `attackNotes.isTechniqueNote` context key.
 */
export const NOTE_KIND_REQUEST = 'attackNotes/noteKind';

export interface NoteKindParams {
  textDocument: { uri: string };
}

/** `kind` is null for a note with no ATT&CK identity or one the server does not index. */
export interface NoteKindResult {
  kind: NoteKind | null;
  /** The note's ATT&CK ID, when it has one. */
  id: string | null;
}
