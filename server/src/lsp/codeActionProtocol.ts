import type { Position, WorkspaceEdit } from 'vscode-languageserver-types';

/**
 * Custom requests and commands of the code actions, shared by the server and the VS Code client.
 * Plain constants and types only, so the client can import this file without server code.
 */

/** Command the "Insert Mitigation Row…" code action runs (client side); argument: the note URI. */
export const INSERT_MITIGATION_ROW_COMMAND = 'attackNotes.insertMitigationRow';

/** Server command run after a created note is applied: shows it (`window/showDocument`). */
export const OPEN_CREATED_NOTE_COMMAND = 'attackNotes.openCreatedNote';

/** The code action kind of "Insert Mitigation Row…". */
export const INSERT_MITIGATION_ROW_KIND = 'refactor.rewrite.insertMitigationRow';

/** The code action kind of fix-all, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.attackNotes';

/** Request (client → server): the mitigations a technique note's table could get. */
export const MITIGATION_CANDIDATES_REQUEST = 'attackNotes/mitigationCandidates';

export interface MitigationCandidatesParams {
  textDocument: { uri: string };
}

export interface MitigationCandidate {
  id: string;
  name: string;
  /** ATT&CK maps the mitigation to the note's technique. */
  mapped: boolean;
}

/** Null when the note is not a technique note the server knows. */
export type MitigationCandidatesResult = { items: MitigationCandidate[] } | null;

/** Request (client → server): the edit that inserts rows for these mitigation IDs. */
export const INSERT_MITIGATION_ROWS_REQUEST = 'attackNotes/insertMitigationRows';

export interface InsertMitigationRowsParams {
  textDocument: { uri: string; version: number };
  ids: string[];
}

/**
 * Null when the document is no longer at `version` (or nothing can be inserted). `cursor` is
 * where the author writes next (the Description cell) when exactly one row is inserted, in the
 * text after the edit.
 */
export type InsertMitigationRowsResult = { edit: WorkspaceEdit; cursor?: Position } | null;

/** Arguments of OPEN_CREATED_NOTE_COMMAND. */
export interface OpenCreatedNoteArguments {
  uri: string;
}
