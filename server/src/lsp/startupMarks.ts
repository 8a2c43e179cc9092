// Performance marks of the server's start-up, read by its start-up trace (startupTrace.ts). Kept
// free of imports: the loader (dist/server.js) sets the first mark before the bundle is loaded.

/** The moments of a start-up, in the order they happen. */
export type StartupMark =
  /** The loader's first line: Node has started. */
  | 'loader'
  /** The server bundle has been evaluated (every module of it), before the server starts. */
  | 'bundle-evaluated'
  /** The server is wired and listens to its connection. */
  | 'listening'
  /** The client's `initialize` request is being handled. */
  | 'initialize'
  /** The knowledge base (the bundled ATT&CK catalog) is loaded. */
  | 'catalog-loaded'
  /** The first reading of the vault starts, and ends. */
  | 'load-start'
  | 'load-end'
  /** The first index is complete: `attackNotes/indexReady` is about to be sent. */
  | 'index-complete';

const PREFIX = 'attack-notes:';

/** Marks a moment of the start-up; a few microseconds each, so it is always done. */
export function markStartup(mark: StartupMark): void {
  performance.mark(PREFIX + mark);
}

/** Milliseconds from the process start to the first time `mark` was set, if it was. */
export function startupMarkTime(mark: StartupMark): number | undefined {
  return performance.getEntriesByName(PREFIX + mark, 'mark')[0]?.startTime;
}
