import {
  CompletionRequest,
  DefinitionRequest,
  LogMessageNotification,
  ReferencesRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type LogMessageParams,
  type ServerCapabilities,
} from 'vscode-languageserver-protocol';
import {
  COVERAGE_CHANGED_NOTIFICATION,
  COVERAGE_REQUEST,
  type CoverageResult,
} from '../../server/src/lsp/protocol/coverageRequest';
import {
  STARTUP_TRACE_REQUEST,
  type StartupTrace,
} from '../../server/src/lsp/protocol/startupTraceRequest';
import { LspClient, repoRoot } from '../../test/support/lspClient';
import path from 'node:path';
import { cpuTimeMs, peakResidentMb, percentiles, type Percentiles } from '../support/measure';
import { scenario } from '../support/scenario';
import type { ScaledVault } from '../support/vaults';

export interface ServerRun {
  /** From `initialize` (the server process just spawned) to `attackNotes/indexReady`. */
  indexMs: number;
  /** CPU time the server process used up to the complete index (all its threads). */
  indexCpuMs?: number;
  /** The server's own figure for reading and indexing the notes (its log line), if it logs one. */
  serverIndexMs?: number;
  /** Notes the server indexed from its summary cache (its log line). */
  fromCache?: number;
  notes: number;
  /** From `didOpen` of the large note (index complete) to its first `publishDiagnostics`. */
  firstDiagnosticsMs: number;
  /** Link diagnostics (`link-*`) on the large note: a correct scaled vault has none. */
  linkDiagnostics: number;
  keystroke: Percentiles;
  /** Latencies after two warm-up requests; `firstMs` is the first request of the session. */
  completion?: Percentiles & { firstMs: number; items: number };
  definition?: Percentiles & { firstMs: number; results: number };
  references?: Percentiles & { firstMs: number; results: number };
  /**
   * `attackNotes/coverage` of the enterprise matrix: the first answer (findings of notes not yet
   * computed marked pending), until `coverageChanged` says every finding is in and the matrix is
   * asked again (complete), and one more request (all kept), with the techniques covered.
   */
  coverage?: { firstMs: number; completeMs: number; againMs: number; covered: number };
  /** VmHWM at the end of the session. */
  peakMb?: number;
  /** Features the server does not offer yet, with the capability that is missing. */
  missing: string[];
  /** The server's own start-up trace: the index's phases and the first diagnostics' cost. */
  trace?: StartupTrace;
}

export interface ServerRunOptions {
  edits: number;
  requests: number;
  /** The folder for the server's index summary cache, as VS Code names one (its storage). */
  indexCacheDirectory?: string;
}

/** A server session that only opens the vault: started, indexed, shut down. */
export interface FirstOpenRun {
  indexMs: number;
  indexCpuMs?: number;
  serverIndexMs?: number;
  fromCache?: number;
  notes: number;
  peakMb?: number;
  /** The server's own start-up trace (the index's phases). */
  trace?: StartupTrace['index'];
}

/**
 * How the server is started: as VS Code's client starts it (`node dist/server.js --stdio`), or as
 * Neovim, Helix and Emacs do (`attack-notes lsp --stdio`, the package's bin).
 */
export type Launch = 'vscode' | 'cli';

const LAUNCH_COMMANDS: Record<Launch, string[]> = {
  vscode: [process.execPath, path.join(repoRoot, 'dist', 'server.js'), '--stdio'],
  cli: [process.execPath, path.join(repoRoot, 'bin', 'attack-notes.js'), 'lsp', '--stdio'],
};

/**
 * The first time a vault is opened: a cold server with an empty cache folder indexes the vault
 * and shuts down, leaving its summary cache behind (as VS Code's window would when closed).
 */
export async function measureFirstOpen(
  vault: ScaledVault,
  indexCacheDirectory: string,
  launch: Launch = 'vscode',
): Promise<FirstOpenRun> {
  const started = performance.now();
  const client = await startServer(vault, indexCacheDirectory, launch);
  try {
    const { notes } = await client.waitForIndex(10 * 60_000);
    const indexMs = performance.now() - started;
    const indexCpuMs = client.pid ? cpuTimeMs(client.pid) : undefined;
    const peakMb = client.pid ? peakResidentMb(client.pid) : undefined;
    const { serverIndexMs, fromCache } = reportedIndex(client);
    const trace = (await startupTrace(client))?.index;
    await client.stop();
    return { indexMs, indexCpuMs, serverIndexMs, fromCache, notes, peakMb, trace };
  } catch (error) {
    client.kill();
    throw error;
  }
}

function startServer(
  vault: ScaledVault,
  indexCacheDirectory?: string,
  launch: Launch = 'vscode',
): Promise<LspClient> {
  return LspClient.start({
    command: LAUNCH_COMMANDS[launch],
    workspaceFolders: [vault.root],
    // No debounce: the latency measured is the server's own work, not a configured wait.
    settings: { attackNotes: { diagnostics: { delay: 0 } } },
    // The start-up trace is asked for after the measured span, so it costs that span nothing.
    initializationOptions: {
      startupTrace: true,
      ...(indexCacheDirectory && { indexCacheDirectory }),
    },
    initializeTimeoutMs: 30000,
  });
}

/** The server's start-up trace; undefined from a server without one. */
async function startupTrace(client: LspClient): Promise<StartupTrace | undefined> {
  try {
    return await client.request<StartupTrace>(STARTUP_TRACE_REQUEST, null, 30000);
  } catch (error) {
    // JSON-RPC's MethodNotFound: a server from before the trace existed.
    if ((error as { code?: number }).code === -32601) return undefined;
    throw error;
  }
}

/**
 * One cold session of the built server (`node dist/server.js --stdio`), driven as an editor
 * would: index the vault, open a note, type into it, then ask for completion, definition and
 * references. Every wait has a limit; the server is killed if anything fails.
 */
export async function measureServer(
  vault: ScaledVault,
  options: ServerRunOptions,
): Promise<ServerRun> {
  const scene = scenario(vault);
  const started = performance.now();
  const client = await startServer(vault, options.indexCacheDirectory);
  try {
    const { notes } = await client.waitForIndex(10 * 60_000);
    const indexMs = performance.now() - started;
    const indexCpuMs = client.pid ? cpuTimeMs(client.pid) : undefined;
    const { serverIndexMs, fromCache } = reportedIndex(client);
    client.keepNotifications = false;

    const opened = performance.now();
    const firstDiagnostics = client.waitForDiagnostics(scene.large.uri, () => true, 30000);
    await client.open(scene.large.uri, scene.large.text);
    const first = await firstDiagnostics;
    const firstDiagnosticsMs = performance.now() - opened;
    const linkDiagnostics = first.diagnostics.filter(isLinkDiagnostic).length;

    const keystrokes: number[] = [];
    for (let n = 1; n <= options.edits; n++) {
      const text = scene.typed(n);
      const sent = performance.now();
      // The version is known before sending: the client numbers them 2, 3, … after the open.
      const published = client.waitForDiagnostics(scene.large.uri, (p) => p.version === n + 1);
      await client.change(scene.large.uri, text);
      await published;
      keystrokes.push(performance.now() - sent);
    }

    const capabilities = client.initializeResult.capabilities;
    const missing: string[] = [];
    const run: ServerRun = {
      indexMs,
      indexCpuMs,
      serverIndexMs,
      fromCache,
      notes,
      firstDiagnosticsMs,
      linkDiagnostics,
      keystroke: percentiles(keystrokes),
      missing,
    };

    if (offers(capabilities, 'completionProvider', missing)) {
      await client.open(scene.mitigations.uri, scene.mitigations.text);
      const params = {
        textDocument: { uri: scene.mitigations.uri },
        position: scene.mitigations.completionAt,
      };
      const { times, last, firstMs } = await timeRequests(
        client,
        CompletionRequest.method,
        params,
        options,
      );
      run.completion = { ...percentiles(times), firstMs, items: completionCount(last) };
    }
    const linkParams = { textDocument: { uri: scene.large.uri }, position: scene.linkAt };
    if (offers(capabilities, 'definitionProvider', missing)) {
      const { times, last, firstMs } = await timeRequests(
        client,
        DefinitionRequest.method,
        linkParams,
        options,
      );
      run.definition = { ...percentiles(times), firstMs, results: resultCount(last) };
    }
    if (offers(capabilities, 'referencesProvider', missing)) {
      const params = { ...linkParams, context: { includeDeclaration: true } };
      const { times, last, firstMs } = await timeRequests(
        client,
        ReferencesRequest.method,
        params,
        options,
      );
      run.references = { ...percentiles(times), firstMs, results: resultCount(last) };
    }

    run.coverage = await timeCoverage(client, missing);
    run.trace = await startupTrace(client);

    run.peakMb = client.pid ? peakResidentMb(client.pid) : undefined;
    await client.stop();
    return run;
  } catch (error) {
    client.kill();
    throw error;
  }
}

function offers(
  capabilities: ServerCapabilities,
  name: keyof ServerCapabilities,
  missing: string[],
): boolean {
  if (capabilities[name]) return true;
  missing.push(name);
  return false;
}

/** Sends the same request up to `options.requests` times in turn, after two warm-ups. */
async function timeRequests(
  client: LspClient,
  method: string,
  params: unknown,
  options: ServerRunOptions,
): Promise<{ times: number[]; last: unknown; firstMs: number }> {
  // The first request may pay for lazily built state (an index, a cache): kept apart, not hidden.
  const sentFirst = performance.now();
  let last: unknown = await client.request(method, params, 30000);
  const firstMs = performance.now() - sentFirst;
  last = await client.request(method, params, 30000);
  const times: number[] = [];
  // A slow feature on a large vault must not stall the suite: stop after 20 s once 20 samples
  // give a p95.
  const started = performance.now();
  for (let i = 0; i < options.requests; i++) {
    if (times.length >= 20 && performance.now() - started > 20_000) break;
    const sent = performance.now();
    last = await client.request(method, params, 30000);
    times.push(performance.now() - sent);
  }
  return { times, last, firstMs };
}

/** The coverage request twice; a server without it is noted as missing it. */
async function timeCoverage(client: LspClient, missing: string[]): Promise<ServerRun['coverage']> {
  const params = { domain: 'enterprise' };
  try {
    const sent = performance.now();
    const changed = client.waitForNext(COVERAGE_CHANGED_NOTIFICATION, () => true, 10 * 60_000);
    const matrix = await client.request<CoverageResult>(COVERAGE_REQUEST, params, 10 * 60_000);
    const firstMs = performance.now() - sent;
    if (matrix.summary.pendingNotes !== undefined) await changed;
    const complete = await client.request<CoverageResult>(COVERAGE_REQUEST, params, 60_000);
    const completeMs = performance.now() - sent;
    if (complete.summary.pendingNotes !== undefined) throw new Error('coverage still pending');
    const again = performance.now();
    await client.request(COVERAGE_REQUEST, params, 60_000);
    const againMs = performance.now() - again;
    return { firstMs, completeMs, againMs, covered: matrix.summary.covered };
  } catch (error) {
    // JSON-RPC's MethodNotFound: a server from before the request existed.
    if ((error as { code?: number }).code !== -32601) throw error;
    missing.push(COVERAGE_REQUEST);
    return undefined;
  }
}

/**
 * `Indexed 921 notes in 180 ms (900 unchanged since the last session)`, which the server logs
 * when its first index is done.
 */
function reportedIndex(client: LspClient): { serverIndexMs?: number; fromCache?: number } {
  for (const { method, params } of client.notifications) {
    if (method !== LogMessageNotification.method) continue;
    const message = (params as LogMessageParams).message;
    const match = /Indexed \d+ notes in (\d+) ms(?: \((\d+) unchanged)?/.exec(message);
    if (match) {
      return {
        serverIndexMs: Number(match[1]),
        fromCache: match[2] === undefined ? undefined : Number(match[2]),
      };
    }
  }
  return {};
}

function isLinkDiagnostic(diagnostic: Diagnostic): boolean {
  return String(diagnostic.code ?? '').startsWith('link-');
}

function completionCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const list = result as CompletionList | null;
  return list?.items ? (list.items as CompletionItem[]).length : 0;
}

function resultCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return result ? 1 : 0;
}
