import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRequest,
  CompletionRequest,
  CompletionResolveRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  DocumentSymbolRequest,
  HoverRequest,
  LogMessageNotification,
  MessageType,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  WorkspaceSymbolRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionItem,
  type CompletionList,
  type LogMessageParams,
} from 'vscode-languageserver-protocol/node';
import { LspClient, repoRoot } from '../support/lspClient';
import type { CasePlan } from './plan';
import { VSCODE_CODE_ACTIONS } from '../support/editorCapabilities';

/**
 * The bounds a case must keep. Time is counted in the server's own CPU time (utime + stime from
 * /proc/<pid>/status's sibling `stat`), so a machine loaded by other work does not fail a case;
 * the wall-clock bound is far larger and catches a server that waits forever.
 */
export interface CaseBounds {
  /** Server CPU time for the whole case: the change, its diagnostics and every request. */
  cpuMs: number;
  /** Wall-clock time for any one request. */
  wallMs: number;
}

/** An ordinary case: 2 s of server CPU for all its requests, 30 s of wall clock for any one. */
export const ORDINARY_BOUNDS: CaseBounds = {
  cpuMs: Number(process.env.ATTACK_NOTES_FUZZ_CPU_MS ?? 2000),
  wallMs: 30000,
};
/** A case with a 100,000-character line, a 5,000-row table or a 5 MB note. */
export const GIANT_BOUNDS: CaseBounds = { cpuMs: 15000, wallMs: 120000 };
/** The server's peak resident memory (VmHWM) over a whole run stays under this. */
export const RSS_BOUND_MB = Number(process.env.ATTACK_NOTES_FUZZ_RSS_MB ?? 1024);

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true } },
  textDocument: {
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: {
      completionItem: {
        snippetSupport: true,
        resolveSupport: { properties: ['documentation', 'detail'] },
      },
    },
    definition: { linkSupport: true },
    rename: { prepareSupport: true },
    codeAction: VSCODE_CODE_ACTIONS,
    publishDiagnostics: { versionSupport: true },
  },
};

/** Why a case failed: the server died, a request hung past its bound, or memory grew past it. */
export class FuzzFailure extends Error {
  constructor(
    readonly kind: 'crash' | 'hang' | 'memory',
    message: string,
  ) {
    super(message);
  }
}

export interface CaseOutcome {
  requests: number;
  /** Error responses by method and message (allowed: the request failed, the server lives). */
  errors: string[];
  slowestMs: number;
  /** Milliseconds each method took, summed (where a run spends its time). */
  msByMethod: Map<string, number>;
}

/** Reads a line of /proc/<pid>/status in MB (Linux); undefined elsewhere. */
function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU time the process has used (user + system), in ms; undefined where /proc is missing. */
function procCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start at state; utime, stime are 14, 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ, 100 on every mainstream kernel configuration. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Every request a case can send; a plan picks some, a regression replay sends all. */
export const REQUEST_KINDS = [
  'symbols',
  'completion',
  'hover',
  'definition',
  'references',
  'highlight',
  'rename',
  'codeActions',
  'fixAll',
  'codeLens',
  'preview',
  'noteKind',
  'mitigationCandidates',
  'workspaceSymbol',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/**
 * The built server (dist/server.js) as a child process over stdio, driven as an editor would:
 * open or change a note, then every request the server answers about it, pipelined.
 */
export class FuzzServer {
  /** Error-level log lines the server wrote (a caught exception it reported). */
  readonly loggedErrors: string[] = [];
  private readonly openUris: string[] = [];
  private exited: string | undefined;

  private constructor(readonly client: LspClient) {
    client.keepNotifications = false;
    client.connection.onNotification(LogMessageNotification.type, (params: LogMessageParams) => {
      if (params.type === MessageType.Error) this.loggedErrors.push(params.message);
    });
    client.child.once('exit', (code, signal) => {
      this.exited = `server exited (code ${code}, signal ${signal})`;
    });
  }

  static async start(folders: string[]): Promise<FuzzServer> {
    const client = await LspClient.start({
      workspaceFolders: folders,
      capabilities: CAPABILITIES,
      settings: { attackNotes: { diagnostics: { delay: 0 } } },
      initializeTimeoutMs: 60000,
      // ATTACK_NOTES_FUZZ_SERVER_ARGS="--cpu-prof" profiles the server through a run.
      command: [
        process.execPath,
        ...(process.env.ATTACK_NOTES_FUZZ_SERVER_ARGS?.split(' ').filter(Boolean) ?? []),
        path.join(repoRoot, 'dist', 'server.js'),
        '--stdio',
      ],
    });
    const server = new FuzzServer(client);
    await client.waitForIndex(120000);
    return server;
  }

  /** Why the process ended, once it has. */
  get exitReason(): string | undefined {
    return this.exited;
  }

  get pid(): number {
    return this.client.pid ?? -1;
  }

  rssMb(): number | undefined {
    return procStatusMb(this.pid, 'VmRSS');
  }

  peakRssMb(): number | undefined {
    return procStatusMb(this.pid, 'VmHWM');
  }

  /** Opens `uri` with `text` (or changes it when open); keeps at most `maxOpen` notes open. */
  async show(uri: string, text: string, maxOpen = 2): Promise<void> {
    const at = this.openUris.indexOf(uri);
    if (at >= 0) {
      this.openUris.splice(at, 1);
      this.openUris.push(uri);
      await this.client.change(uri, text);
      return;
    }
    await this.client.open(uri, text);
    this.openUris.push(uri);
    while (this.openUris.length > maxOpen) await this.client.close(this.openUris.shift()!);
  }

  async closeAll(): Promise<void> {
    for (const uri of this.openUris.splice(0)) await this.client.close(uri);
  }

  cpuMs(): number | undefined {
    return procCpuMs(this.pid);
  }

  /**
   * Sends the plan's requests about `uri`, pipelined; throws FuzzFailure on a crash, or a hang:
   * the case's server CPU time or a request's wall-clock time past its bound.
   */
  async exercise(
    uri: string,
    plan: CasePlan,
    bounds: CaseBounds,
    options: { cpuStart?: number; oneByOne?: boolean } = {},
  ): Promise<CaseOutcome> {
    const outcome: CaseOutcome = { requests: 0, errors: [], slowestMs: 0, msByMethod: new Map() };
    const textDocument = { uri };
    const [first, second, third] = plan.positions;
    const cpuStart = options.cpuStart ?? this.cpuMs();
    const pending = new Map<string, number>();
    let stopWatch: (failure: FuzzFailure) => void = () => undefined;
    const watchdog = new Promise<never>((_, reject) => (stopWatch = reject));
    watchdog.catch(() => undefined);
    const watch = setInterval(() => {
      if (this.exited) return stopWatch(new FuzzFailure('crash', this.exited));
      const now = performance.now();
      const cpu = this.cpuMs();
      const waiting = [...new Set(pending.keys())]
        .map((key) => key.replace(/#\d+$/, ''))
        .join(', ');
      if (cpu !== undefined && cpuStart !== undefined && cpu - cpuStart > bounds.cpuMs)
        return stopWatch(
          new FuzzFailure(
            'hang',
            `the case used ${Math.round(cpu - cpuStart)} ms of server CPU (bound ${bounds.cpuMs} ms) waiting for ${waiting}`,
          ),
        );
      for (const [key, started] of pending)
        if (now - started > bounds.wallMs)
          return stopWatch(
            new FuzzFailure(
              'hang',
              `${key.replace(/#\d+$/, '')} did not answer within ${bounds.wallMs} ms`,
            ),
          );
    }, 50);
    let sequence = 0;
    const ask = async <R>(method: string, params: unknown): Promise<R | undefined> => {
      if (this.exited) throw new FuzzFailure('crash', `${this.exited} before ${method}`);
      outcome.requests++;
      const key = `${method}#${sequence++}`;
      const started = performance.now();
      pending.set(key, started);
      try {
        return await Promise.race([
          this.client.connection.sendRequest<R>(method, params),
          watchdog,
        ]);
      } catch (error) {
        if (error instanceof FuzzFailure) throw error;
        if (this.exited) throw new FuzzFailure('crash', `${this.exited} during ${method}`);
        if (error instanceof ResponseError) {
          outcome.errors.push(`${method}: ${error.message.split('\n')[0].slice(0, 200)}`);
          return undefined;
        }
        throw new FuzzFailure('crash', `${method}: ${String(error)}`);
      } finally {
        pending.delete(key);
        const took = performance.now() - started;
        outcome.slowestMs = Math.max(outcome.slowestMs, took);
        outcome.msByMethod.set(method, (outcome.msByMethod.get(method) ?? 0) + took);
      }
    };

    const requests: Record<RequestKind, () => Promise<unknown>> = {
      symbols: () => ask(DocumentSymbolRequest.method, { textDocument }),
      completion: async () => {
        const answer = await ask<CompletionList | CompletionItem[] | null>(
          CompletionRequest.method,
          {
            textDocument,
            position: first,
          },
        );
        const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
        const some = [...new Set([items[0], items[items.length - 1]])].filter(
          (item): item is CompletionItem => item !== undefined,
        );
        await Promise.all(some.map((item) => ask(CompletionResolveRequest.method, item)));
      },
      hover: () =>
        Promise.all([
          ask(HoverRequest.method, { textDocument, position: second }),
          ask(HoverRequest.method, { textDocument, position: third }),
        ]),
      definition: () => ask(DefinitionRequest.method, { textDocument, position: second }),
      references: () =>
        ask(ReferencesRequest.method, {
          textDocument,
          position: first,
          context: { includeDeclaration: true },
        }),
      highlight: () => ask(DocumentHighlightRequest.method, { textDocument, position: third }),
      rename: async () => {
        await ask(PrepareRenameRequest.method, { textDocument, position: first });
        await ask(RenameRequest.method, { textDocument, position: first, newName: plan.newName });
      },
      codeActions: async () => {
        const ordered =
          first.line < second.line ||
          (first.line === second.line && first.character <= second.character);
        const actions = await ask<(CodeAction | Command)[] | null>(CodeActionRequest.method, {
          textDocument,
          range: ordered ? { start: first, end: second } : { start: second, end: first },
          context: { diagnostics: [] },
        });
        const lazy = (actions ?? []).filter(
          (action): action is CodeAction => 'data' in action && action.data !== undefined,
        );
        await Promise.all(
          lazy.slice(0, 3).map((action) => ask(CodeActionResolveRequest.method, action)),
        );
      },
      fixAll: () =>
        ask(CodeActionRequest.method, {
          textDocument,
          range: { start: { line: 0, character: 0 }, end: third },
          context: { diagnostics: [], only: ['source.fixAll'] },
        }),
      codeLens: () => ask(CodeLensRequest.method, { textDocument }),
      preview: () => ask('attackNotes/preview', { textDocument }),
      noteKind: () => ask('attackNotes/noteKind', { textDocument }),
      mitigationCandidates: () => ask('attackNotes/mitigationCandidates', { textDocument }),
      workspaceSymbol: () => ask(WorkspaceSymbolRequest.method, { query: plan.symbolQuery }),
    };
    try {
      if (options.oneByOne) for (const kind of plan.requests) await requests[kind]();
      else await Promise.all(plan.requests.map((kind) => requests[kind]()));
    } finally {
      clearInterval(watch);
    }
    if (this.exited) throw new FuzzFailure('crash', this.exited);
    return outcome;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    await this.client.stop();
  }

  kill(): void {
    this.client.kill();
  }
}
