// The two requests behind "Insert Mitigation Row": the server lists the candidates and builds the
// edit, since both need the index and the knowledge base; the client only asks and applies.
import type { Position, WorkspaceEdit } from 'vscode-languageserver-protocol';

/** Request (client → server): the mitigations a technique note's table could take. */
export const MITIGATION_CANDIDATES_REQUEST = 'attackNotes/mitigationCandidates';

export interface MitigationCandidatesParams {
  textDocument: { uri: string };
}

export interface MitigationCandidate {
  id: string;
  name: string;
  /** ATT&CK maps this mitigation to the note's technique. */
  mapped: boolean;
}

/** Mapped mitigations first; rows already in the table left out. Null: not a technique note. */
export type MitigationCandidatesResult = { items: MitigationCandidate[] } | null;

/** Request (client → server): the edit that inserts rows for `ids` into the note's table. */
export const INSERT_MITIGATION_ROWS_REQUEST = 'attackNotes/insertMitigationRows';

export interface InsertMitigationRowsParams {
  textDocument: { uri: string; version: number };
  ids: string[];
}

/**
 * `cursor` is the Description cell when exactly one row is inserted. Null when the document's
 * version moved on (or the note cannot take rows).
 */
export type InsertMitigationRowsResult = { edit: WorkspaceEdit; cursor?: Position } | null;
