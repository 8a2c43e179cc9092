import type { Connection } from 'vscode-languageserver/node';
import type { LoadReport } from '../core/index/diskVault';
import type { VaultIndex } from '../core/index/types';
import {
  STARTUP_TRACE_REQUEST,
  type StartupPhase,
  type StartupTrace,
} from './protocol/startupTraceRequest';
import { startupMarkTime, type StartupMark } from './startupMarks';

/**
 * The server's start-up trace (`initializationOptions.startupTrace: true`): answers
 * `attackNotes/startupTrace` with where the time to the first index went, from the start-up marks
 * (startupMarks.ts) and the first load's own timings, and with the cost of the first diagnostics
 * after it. The bench asks for it (docs/performance.md); without the option nothing is recorded.
 */
export interface StartupTraceRecorder {
  /** The first index is complete (marked just before): fixes its phases. */
  indexComplete(report: LoadReport): void;
  /** A note was opened; `parseMs` is the time its model took. */
  noteOpened(uri: string, parseMs: number): void;
  /**
   * Runs a note's diagnostics; the first run after the index is timed, link resolution apart
   * (through an index that times `resolveLink`), the others run as they are.
   */
  diagnose<T>(uri: string, index: VaultIndex, run: (index: VaultIndex) => T): T;
}

export function connectStartupTrace(connection: Connection): StartupTraceRecorder {
  const trace: StartupTrace = {};
  const parseTimes = new Map<string, number>();
  connection.onRequest(STARTUP_TRACE_REQUEST, (): StartupTrace => trace);
  return {
    indexComplete(report) {
      trace.index ??= indexPhases(report);
    },
    noteOpened(uri, parseMs) {
      if (!trace.firstDiagnostics) parseTimes.set(uri, parseMs);
    },
    diagnose(uri, index, run) {
      if (!trace.index || trace.firstDiagnostics) return run(index);
      const spent = { ms: 0, links: 0 };
      const started = performance.now();
      const result = run(timingLinkResolution(index, spent));
      trace.firstDiagnostics = {
        parseMs: parseTimes.get(uri) ?? 0,
        diagnosticsMs: performance.now() - started,
        linkResolutionMs: spent.ms,
        links: spent.links,
      };
      parseTimes.clear();
      return result;
    },
  };
}

/**
 * Process start to the first index complete, in phases that add up to it: each mark's distance
 * from the one before, with the first load split by its own timings.
 */
function indexPhases(report: LoadReport): StartupTrace['index'] {
  const at = (mark: StartupMark) => startupMarkTime(mark);
  const total = at('index-complete') ?? performance.now();
  const phases: StartupPhase[] = [];
  let last = 0;
  /** The time from the previous mark to `mark`, under `name` (nothing when it was not set). */
  const upTo = (name: string, mark: StartupMark) => {
    const time = at(mark);
    if (time === undefined) return;
    phases.push({ name, ms: time - last });
    last = time;
  };
  // Without the loader (the bundle required directly) Node's start and the bundle are one phase.
  upTo('node', 'loader');
  upTo('bundle', 'bundle-evaluated');
  upTo('wiring', 'listening');
  upTo('awaitInitialize', 'initialize');
  upTo('catalog', 'catalog-loaded');
  upTo('handshake', 'load-start');
  const loadStart = last;
  const loadEnd = at('load-end');
  if (loadEnd !== undefined) {
    const { summaryCacheMs = 0, listMs, readMs, indexMs } = report.timings;
    const steps: StartupPhase[] = [
      { name: 'summaryCache', ms: summaryCacheMs },
      { name: 'list', ms: listMs },
      { name: 'read', ms: readMs },
      { name: 'parse', ms: indexMs },
    ];
    phases.push(...steps);
    // Between batches the server answers other messages (`initialized`, the settings) and yields.
    const stepsMs = steps.reduce((sum, step) => sum + step.ms, 0);
    phases.push({ name: 'loadOther', ms: Math.max(0, loadEnd - loadStart - stepsMs) });
    last = loadEnd;
  }
  phases.push({ name: 'afterLoad', ms: total - last });
  return { totalMs: total, phases, notes: report.notes, fromCache: report.fromCache };
}

/** The index as it is, with the time spent resolving links added to `spent`. */
function timingLinkResolution(index: VaultIndex, spent: { ms: number; links: number }): VaultIndex {
  return {
    get structureVersion() {
      return index.structureVersion;
    },
    notes: () => index.notes(),
    get: (uri) => index.get(uri),
    resolveLink: (fromUri, link) => {
      const started = performance.now();
      try {
        return index.resolveLink(fromUri, link);
      } finally {
        spent.ms += performance.now() - started;
        spent.links++;
      }
    },
    backlinks: (uri) => index.backlinks(uri),
    definitionsOf: (id) => index.definitionsOf(id),
    folderOf: (uri) => index.folderOf(uri),
  };
}
