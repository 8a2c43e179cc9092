import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
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
  WorkDoneProgressCreateRequest,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const sharedRoot = path.resolve(repoRoot, '..', 'shared');

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}

interface Waiter {
  method: string;
  predicate: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

export interface StartOptions {
  workspaceFolders: string[];
  /** Settings answered to `workspace/configuration`, by section (`attackNotes`, `files.exclude`). */
  settings?: Record<string, unknown>;
  /** The command that starts the server; defaults to the bundled dist/server.js over stdio. */
  command?: string[];
}

/**
 * A minimal LSP client for protocol tests: spawns the built server over stdio, answers the
 * requests the server makes of a client, records notifications and lets a test wait for one
 * (always with a timeout, never a fixed sleep).
 */
export class LspTestClient {
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly logs: string[] = [];
  private readonly waiters: Waiter[] = [];
  private versions = new Map<string, number>();
  initializeResult!: InitializeResult;

  private constructor(
    readonly connection: ProtocolConnection,
    readonly child: ChildProcess,
    private readonly settings: Record<string, unknown>,
  ) {}

  static async start(options: StartOptions): Promise<LspTestClient> {
    const [command, ...args] = options.command ?? [
      process.execPath,
      path.join(repoRoot, 'dist', 'server.js'),
      '--stdio',
    ];
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new LspTestClient(connection, child, options.settings ?? {});
    child.stderr!.on('data', (chunk: Buffer) => client.logs.push(chunk.toString()));
    connection.onUnhandledNotification((message) => client.record(message.method, message.params));
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section ? (client.settings[item.section] ?? null) : null)),
    );
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.workspaceFolders.map((folder) => ({
        uri: fileUri(folder),
        name: path.basename(folder),
      })),
      capabilities: {
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
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
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

  waitForIndex(timeoutMs = 30000): Promise<{ notes: number }> {
    return this.waitFor('attackNotes/indexReady', () => true, timeoutMs);
  }

  /** Waits for the diagnostics published for `uri` that satisfy `predicate`. */
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
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000)),
    ]);
    this.connection.dispose();
    if (code === 'timeout') {
      this.child.kill();
      throw new Error('server did not exit within 5 s of the exit notification');
    }
    return code;
  }

  private record(method: string, params: unknown): void {
    this.notifications.push({ method, params });
    for (const waiter of [...this.waiters]) {
      if (waiter.method === method && waiter.predicate(params)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  }
}
