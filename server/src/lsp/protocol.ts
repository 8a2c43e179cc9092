import type { KnowledgeSource } from '../core/kb/types';

/**
 * Custom messages between the ATT&CK Notes server and its client. Plain constants and types only,
 * so the VS Code client can import this file without pulling in server code.
 */

/** Request (client → server), no parameters: what the knowledge base holds. */
export const KNOWLEDGE_BASE_INFO_REQUEST = 'attackNotes/knowledgeBaseInfo';

/** Notification (server → client) whenever the knowledge base changes; carries the new info. */
export const KNOWLEDGE_BASE_CHANGED_NOTIFICATION = 'attackNotes/knowledgeBaseChanged';

/** Notification (client → server): the workspace was trusted (VS Code's Workspace Trust). */
export const WORKSPACE_TRUST_NOTIFICATION = 'attackNotes/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

export interface KnowledgeBaseInfo {
  /** ATT&CK version of the bundled catalog (`18.1`). */
  attackVersion: string;
  /** Release date of that version (`2025-11-13`), when known. */
  released?: string;
  /** Catalog, user bundles (in setting order), vault notes. */
  sources: KnowledgeSource[];
  /** Problems of the last load of user bundles, as sentences. */
  problems: string[];
  /**
   * Set when the vault's notes define IDs a newer ATT&CK would have (features/attackRelease):
   * the one line that says so and how to load the matching release. The status bar warns.
   */
  newerVault?: string;
}

/** Request (client → server), no parameters: the counts the status bar shows. */
export const WORKSPACE_STATUS_REQUEST = 'attackNotes/workspaceStatus';

/** Notification (server → client) when the counts change, at most a few times a second. */
export const WORKSPACE_STATUS_CHANGED_NOTIFICATION = 'attackNotes/workspaceStatusChanged';

export interface WorkspaceStatus {
  /** Notes in the index (every workspace folder, excludes applied). */
  notes: number;
  /**
   * Diagnostics the server has published and not cleared, hints left out (VS Code's Problems view
   * does not list them): the problems of the open notes.
   */
  problems: number;
  /** The notes the problems are in. */
  notesWithProblems: number;
  /** True until the first reading of the vault is complete. */
  indexing: boolean;
}
