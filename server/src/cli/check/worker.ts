// Entry point of dist/check-worker.js: one shard of `attack-notes check` (see parallelCheck.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { loadBundledCatalog } from '../../core/kb/bundledCatalog';
import { AttackKnowledgeBase } from '../../core/kb/knowledgeBase';
import type { WorkerInput, WorkerMessage } from './parallelCheck';
import { checkShard, parseClaimed, stubsOf, type NoteStub } from './shards';

function send(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

try {
  const input = workerData as WorkerInput;
  const counter = new Int32Array(input.nextFile);
  const parsed = parseClaimed(input.files, () => Atomics.add(counter, 0, 1));
  send({ kind: 'stubs', stubs: stubsOf(parsed.notes), failures: parsed.failures });
  // The catalog loads while the main thread finishes its half.
  const kb = AttackKnowledgeBase.fromLayers([loadBundledCatalog()]);
  parentPort?.once('message', (others: NoteStub[]) => {
    try {
      const result = checkShard(
        input.folderUri,
        parsed.notes,
        others,
        kb,
        input.config,
        input.scopes,
      );
      send({ kind: 'checked', result });
    } catch (error) {
      send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  });
} catch (error) {
  send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
