/**
 * The start-up trace: where the server's start-up time went, measured inside its process
 * (docs/performance.md, "Where the start-up time goes"). Answered only when the client asked for it
 * with `initializationOptions.startupTrace: true` (the bench does); plain constants and types only.
 */

/** Request (client → server), no parameters: the start-up phases measured so far. */
export const STARTUP_TRACE_REQUEST = 'attackNotes/startupTrace';

/** One step of the start-up, in the order it happened. */
export interface StartupPhase {
  /** Stable key (`node`, `bundle`, `catalog`, `read`, …); the bench's table names them. */
  name: string;
  ms: number;
}

/** The answer to {@link STARTUP_TRACE_REQUEST}. */
export interface StartupTrace {
  /**
   * Process start (`performance.timeOrigin`) to the first index complete, split into phases whose
   * durations add up to it; absent until the first index is complete.
   */
  index?: { totalMs: number; phases: StartupPhase[]; notes: number; fromCache: number };
  /** The first diagnostics computed after the index (the first note opened), when there were any. */
  firstDiagnostics?: {
    /** Building the opened note's model from the editor's text (`didOpen`). */
    parseMs: number;
    /** Computing its diagnostics, every rule, link resolution included. */
    diagnosticsMs: number;
    /** Of which resolving its wikilinks against the index. */
    linkResolutionMs: number;
    /** Links resolved. */
    links: number;
  };
}
