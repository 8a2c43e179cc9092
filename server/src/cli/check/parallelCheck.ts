import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RuleConfig } from '../../core/features/diagnostics/config';
import type { AttackKnowledgeBase } from '../../core/kb/knowledgeBase';
import {
  checkShard,
  parseClaimed,
  stubsOf,
  type CheckedShard,
  type NoteStub,
  type ParsedShard,
} from './shards';

/**
 * Checks a vault on two threads: this one and a worker parse the files (claiming them one at a
 * time from a shared counter) and each checks the notes it parsed. Parsing and checking are most
 * of the time of a check. Only the bundled CLI has the worker script (dist/check-worker.js);
 * elsewhere (tests under tsx) checks run on one thread, with the same shard functions.
 */

export const WORKER_FILE_NAME = 'check-worker.js';

/** Below this many notes a second thread costs more (its start-up) than it saves. */
const MIN_NOTES_FOR_WORKER = 200;

/**
 * V8 already runs garbage collection and optimising compilation on other cores; measured on two
 * cores, a second check thread only competed with them (same wall time, more CPU). With four or
 * more it has a core of its own.
 */
const MIN_CORES_FOR_WORKER = 4;

/** `ATTACK_NOTES_CHECK_THREADS=1` or `=2` overrides the choice (tests, benchmarks). */
export const THREADS_VARIABLE = 'ATTACK_NOTES_CHECK_THREADS';

export interface WorkerInput {
  files: string[];
  /** One Int32: the index of the next file to parse, shared by both threads. */
  nextFile: SharedArrayBuffer;
  folderUri: string;
  config: RuleConfig;
  scopes: string[];
  /** `--stix-bundle` paths and the folder they are relative to: the worker loads the same data. */
  stixBundles: string[];
  baseDir: string;
}

export type WorkerMessage =
  | {
      kind: 'stubs';
      stubs: NoteStub[];
      failures: ParsedShard['failures'];
      skipped: ParsedShard['skipped'];
    }
  | { kind: 'checked'; result: CheckedShard }
  | { kind: 'failed'; message: string };

export interface VaultResult extends CheckedShard {
  failures: ParsedShard['failures'];
  skipped: ParsedShard['skipped'];
}

export function workerScript(): string | undefined {
  const script = path.join(__dirname, WORKER_FILE_NAME);
  return existsSync(script) ? script : undefined;
}

export function shouldUseWorker(fileCount: number): boolean {
  if (workerScript() === undefined) return false;
  const forced = process.env[THREADS_VARIABLE];
  if (forced === '1') return false;
  if (forced === '2') return true;
  return fileCount >= MIN_NOTES_FOR_WORKER && availableParallelism() >= MIN_CORES_FOR_WORKER;
}

/** Waits for the worker's next message (or its failure). */
function nextMessage(worker: Worker): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      worker.off('error', onError);
      if (message.kind === 'failed') reject(new Error(message.message));
      else resolve(message);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

export async function checkVaultInParallel(
  files: readonly string[],
  input: Omit<WorkerInput, 'files' | 'nextFile'>,
  kb: AttackKnowledgeBase,
): Promise<VaultResult> {
  const nextFile = new SharedArrayBuffer(4);
  const counter = new Int32Array(nextFile);
  const workerInput: WorkerInput = { ...input, files: [...files], nextFile };
  const worker = new Worker(workerScript()!, { workerData: workerInput });
  try {
    const firstMessage = nextMessage(worker);
    const parsed = parseClaimed(files, () => Atomics.add(counter, 0, 1));
    const theirStubs = await firstMessage;
    if (theirStubs.kind !== 'stubs')
      throw new Error('check worker: expected the stubs of its notes');
    const checkedMessage = nextMessage(worker);
    worker.postMessage(stubsOf(parsed.notes));
    const own = checkShard(
      input.folderUri,
      parsed.notes,
      theirStubs.stubs,
      kb,
      input.config,
      input.scopes,
    );
    const other = await checkedMessage;
    if (other.kind !== 'checked') throw new Error('check worker: expected its findings');
    return {
      findings: [...own.findings, ...other.result.findings],
      notes: own.notes + other.result.notes,
      ...(own.newerVault ? { newerVault: own.newerVault } : {}),
      failures: [...parsed.failures, ...theirStubs.failures],
      skipped: [...parsed.skipped, ...theirStubs.skipped],
    };
  } finally {
    void worker.terminate();
  }
}
