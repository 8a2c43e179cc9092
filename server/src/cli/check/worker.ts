// Entry point of dist/check-worker.js: one shard of `attack-notes check` (see parallelCheck.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadKnowledgeBase } from '../../core/kb/loadKnowledgeBase';
import type { WorkerInput, WorkerMessage } from './parallelCheck';
import { checkShard, parseClaimed, stubsOf, type NoteStub } from './shards';

function send(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

try {
  const input = workerData as WorkerInput;
  const counter = new Int32Array(input.nextFile);
  const parsed = parseClaimed(input.files, () => Atomics.add(counter, 0, 1));
  const { failures, skipped } = parsed;
  send({ kind: 'stubs', stubs: stubsOf(parsed.notes), failures, skipped });
  // The knowledge base (catalog and the same --stix-bundle files) loads while the main thread
  // finishes its half; the main thread has already reported any problem with the bundles.
  const loading = loadKnowledgeBase({ bundles: input.stixBundles, baseDir: input.baseDir });
  parentPort?.once('message', (others: NoteStub[]) => {
    loading
      .then(({ kb }) => {
        const { folderUri, config, scopes } = input;
        send({
          kind: 'checked',
          result: checkShard(folderUri, parsed.notes, others, kb, config, scopes),
        });
      })
      .catch((error: unknown) => send({ kind: 'failed', message: describe(error) }));
  });
} catch (error) {
  send({ kind: 'failed', message: describe(error) });
}
