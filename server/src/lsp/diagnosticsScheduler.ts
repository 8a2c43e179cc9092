import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * Debounces diagnostics per note: each edit restarts the note's timer, so a burst of keystrokes
 * costs one computation, and a result computed for an older version is never published.
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly compute: (
      uri: string,
    ) => { version?: number; diagnostics: Diagnostic[] } | undefined,
    private readonly publish: (
      uri: string,
      version: number | undefined,
      diagnostics: Diagnostic[],
    ) => void,
    private readonly delayMs: () => number,
    private readonly currentVersion: (uri: string) => number | undefined,
    private readonly onError: (uri: string, error: unknown) => void,
  ) {}

  schedule(uri: string, delay = this.delayMs()): void {
    this.cancel(uri);
    const run = (): void => {
      this.timers.delete(uri);
      this.runNow(uri);
    };
    if (delay <= 0) {
      // Still asynchronous, so that a burst of notifications already queued is applied first.
      this.timers.set(uri, setTimeout(run, 0));
    } else {
      this.timers.set(uri, setTimeout(run, delay));
    }
  }

  scheduleAll(uris: Iterable<string>, delay?: number): void {
    for (const uri of uris) this.schedule(uri, delay);
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  /** Cancels any pending run and clears the note's squiggles (it was closed or deleted). */
  clear(uri: string): void {
    this.cancel(uri);
    this.publish(uri, undefined, []);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private runNow(uri: string): void {
    try {
      const result = this.compute(uri);
      if (!result) return;
      const current = this.currentVersion(uri);
      if (result.version !== undefined && current !== undefined && current !== result.version)
        return; // stale
      this.publish(uri, result.version, result.diagnostics);
    } catch (error) {
      this.onError(uri, error);
    }
  }
}
