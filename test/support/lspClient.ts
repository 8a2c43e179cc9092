import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { serverEnvironment } from '../../client/src/serverEnvironment';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

/** The repository root (this file lives in test/support/). */
export const repoRoot = path.resolve(__dirname, '..', '..');
/** The shared folder beside the repository (test vaults, ATT&CK bundles): see sharedData.ts. */
export { sharedRoot } from './sharedData';

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

/** Answers one server → client request; may be async. */
export type RequestHandler = (params: unknown) => unknown;

export interface StartOptions {
  workspaceFolders: string[];
  /** Settings answered to `workspace/configuration`, by section (`attackNotes`, `files.exclude`). */
  settings?: Record<string, unknown>;
  /** The command that starts the server; defaults to the bundled dist/server.js over stdio. */
  command?: string[];
  initializationOptions?: unknown;
  /** Replaces the default client capabilities (configuration, watched files, progress, symbols). */
  capabilities?: ClientCapabilities;
  /** Extra server → client requests to answer (a peer server's custom `markdown/*` requests). */
  requestHandlers?: Record<string, RequestHandler>;
  /** Limit for the `initialize` round trip. */
  initializeTimeoutMs?: number;
}

interface Waiter {
  method: string;
  predicate: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
  textDocument: {
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
    },
  },
};

/** Every live client, so a harness can kill the servers if it exits early. */
const live = new Set<LspClient>();

/**
 * A minimal LSP client over stdio, shared by the protocol tests and the benchmarks: spawns a
 * server, answers the requests a server makes of a client, records notifications and lets a caller
 * wait for one (always with a timeout, never a fixed sleep).
 */
export class LspClient {
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  /** Notifications are recorded only while this is true (a 200-edit loop would pile them up). */
  keepNotifications = true;
  private readonly waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();
  initializeResult!: InitializeResult;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    private readonly settings: Record<string, unknown>,
  ) {}

  /** Spawns the server, sends `initialize` and `initialized`. */
  static async start(options: StartOptions): Promise<LspClient> {
    const client = LspClient.spawn(options);
    client.initializeResult = await withTimeout(
      client.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: options.workspaceFolders[0] ? fileUri(options.workspaceFolders[0]) : null,
        workspaceFolders: options.workspaceFolders.map((folder) => ({
          uri: fileUri(folder),
          name: path.basename(folder),
        })),
        initializationOptions: options.initializationOptions,
        capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
      }),
      options.initializeTimeoutMs ?? 15000,
      () => `initialize\nserver log:\n${client.logs.join('')}`,
    ).catch((error: unknown) => {
      client.kill();
      throw error;
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private static spawn(options: StartOptions): LspClient {
    const [command, ...args] = options.command ?? [
      process.execPath,
      path.join(repoRoot, 'dist', 'server.js'),
      '--stdio',
    ];
    // The environment VS Code's client gives the server (client/src/serverEnvironment.ts).
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: serverEnvironment(),
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspClient(connection, child, options.settings ?? {});
    live.add(client);
    child.once('exit', () => live.delete(client));
    child.stderr!.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    connection.onUnhandledNotification((message) => client.record(message.method, message.params));
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section ? (client.settings[item.section] ?? null) : null)),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(UnregistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    for (const [method, handler] of Object.entries(options.requestHandlers ?? {}))
      connection.onRequest(method, (params: unknown) => handler(params));
    // A server that dies mid-run must fail the caller, not leave a write hanging.
    connection.onError(([error]) => client.logs.push(`connection error: ${error.message}\n`));
    connection.listen();
    return client;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a request and fails after `timeoutMs` instead of waiting forever. */
  request<R>(method: string, params: unknown, timeoutMs = 15000): Promise<R> {
    return withTimeout(
      this.connection.sendRequest<R>(method, params),
      timeoutMs,
      () => `request ${method}`,
    );
  }

  /** Resolves with the first notification (already received or coming) that matches. */
  waitFor<T>(
    method: string,
    predicate: (params: T) => boolean = () => true,
    timeoutMs = 15000,
  ): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && predicate(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return this.waitForNext(method, predicate, timeoutMs);
  }

  /** Resolves with the next matching notification that arrives from now on. */
  waitForNext<T>(
    method: string,
    predicate: (params: T) => boolean = () => true,
    timeoutMs = 15000,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        method,
        predicate: (params) => predicate(params as T),
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${method}\nserver log:\n${this.logs.join('')}`,
          ),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** ATT&CK Notes' own notification that the first index of the workspace is complete. */
  waitForIndex(timeoutMs = 30000): Promise<{ notes: number }> {
    return this.waitFor('attackNotes/indexReady', () => true, timeoutMs);
  }

  /** Waits for the next diagnostics published for `uri` that satisfy `predicate`. */
  waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 15000,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitForNext<PublishDiagnosticsParams>(
      PublishDiagnosticsNotification.type.method,
      (params) => params.uri === uri && predicate(params),
      timeoutMs,
    );
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
  }

  /** Replaces the whole text (the servers here sync full documents); returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri },
    });
  }

  /** shutdown, exit, and wait for the process to end. Returns its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await this.request(ShutdownRequest.type.method, undefined, 5000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch (error) {
      this.kill();
      throw error;
    }
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000)),
    ]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.kill();
      throw new Error('server did not exit within 5 s of the exit notification');
    }
    return code;
  }

  /** Ends the server process at once (a harness cleaning up after a failure). */
  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    this.connection.dispose();
  }

  /** Kills every server still running; for exit and signal handlers. */
  static killAll(): void {
    for (const client of [...live]) client.kill();
  }

  private record(method: string, params: unknown): void {
    if (this.keepNotifications) this.notifications.push({ method, params });
    for (const waiter of [...this.waiters]) {
      if (waiter.method === method && waiter.predicate(params)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  }
}

/** Rejects with a clear message when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
