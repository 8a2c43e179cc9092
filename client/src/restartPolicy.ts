// When the language server's process ends unexpectedly, the client starts it again, within the
// limits VS Code's language client applies by default (at most 4 restarts within 3 minutes), and
// tells the user once per session rather than at every restart. Plain logic without `vscode`, so
// unit tests can drive it with their own clock; languageClient.ts adapts it to vscode-languageclient.

/** Restarts allowed within RESTART_WINDOW_MS (vscode-languageclient's default). */
export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export interface CloseDecision {
  restart: boolean;
  /** What to show the user now, if anything. */
  tell?: string;
}

export class RestartPolicy {
  private restarts: number[] = [];
  private told = false;

  constructor(
    private readonly name: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The connection to the server closed without the client asking: restart it or give up. */
  closed(): CloseDecision {
    const now = this.now();
    this.restarts = this.restarts.filter((at) => now - at < RESTART_WINDOW_MS);
    this.restarts.push(now);
    if (this.restarts.length > MAX_RESTARTS) {
      return {
        restart: false,
        tell:
          `The ${this.name} language server stopped ${this.restarts.length} times in ` +
          `${RESTART_WINDOW_MS / 60000} minutes and will not be restarted. ` +
          'See the output for details; reload the window to start it again.',
      };
    }
    if (this.told) return { restart: true };
    this.told = true;
    return {
      restart: true,
      tell:
        `The ${this.name} language server stopped unexpectedly and was restarted. ` +
        'See the output for details.',
    };
  }
}
