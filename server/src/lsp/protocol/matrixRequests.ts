/**
 * Requests the coverage matrix panel needs besides the coverage itself (attackNotes/coverage):
 * the domain of the active note, and a new note for an empty cell. Plain constants and types
 * only, so the VS Code client can import this file without pulling in server code.
 */

export type MatrixDomain = 'enterprise' | 'ics' | 'mobile';

/** Request (client → server): the ATT&CK domain whose matrix fits a note. */
export const NOTE_DOMAIN_REQUEST = 'attackNotes/noteDomain';

export interface NoteDomainParams {
  textDocument: { uri: string };
}

/** The answer to {@link NOTE_DOMAIN_REQUEST}, or `null` when the server does not know the note. */
export interface NoteDomainResult {
  domain: MatrixDomain;
}

/**
 * Request (client → server): the note to create for an ATT&CK ID the vault has none for, as the
 * link-broken quick fix writes it (seed-format skeleton, in the folder of its kind). Nothing is
 * written: the client creates the file.
 */
export const NEW_NOTE_REQUEST = 'attackNotes/newNoteForId';

export interface NewNoteParams {
  id: string;
  /** The workspace folder (vault) to create it in; the first folder holding notes when absent. */
  folderUri?: string;
}

export type NewNoteResult =
  { uri: string; vaultPath: string; text: string; title: string } | { problem: string };
