// Benchmark: how long the server takes to load the bundled ATT&CK catalog and build its index.
// `npx tsx bench/kb-load.ts [runs]` prints the median (and spread) of `runs` loads in this process,
// plus the first (cold) load, which is what a starting server actually pays.
// With --json (as `npm run bench` runs it, in a fresh process each time) it prints one line:
// {"coldMs":N,"medianMs":N,"catalogBytes":N}.
import { statSync } from 'node:fs';
import { bundledCatalogPath, loadBundledCatalog } from '../server/src/core/kb/bundledCatalog';
import { AttackKnowledgeBase } from '../server/src/core/kb/knowledgeBase';
import { median } from './support/measure';

function loadOnce(): number {
  const started = performance.now();
  const kb = AttackKnowledgeBase.fromLayers([loadBundledCatalog()]);
  // One lookup, so the measured work includes everything a first diagnostic needs.
  if (!kb.get('T1059.006')) throw new Error('catalog lacks T1059.006');
  return performance.now() - started;
}

const json = process.argv.includes('--json');
const runs = Number(process.argv.slice(2).find((arg) => arg !== '--json') ?? 25);
const cold = loadOnce();
const times = Array.from({ length: runs }, loadOnce).sort((a, b) => a - b);
const path = bundledCatalogPath();
if (json) {
  console.log(
    JSON.stringify({ coldMs: cold, medianMs: median(times), catalogBytes: statSync(path).size }),
  );
} else {
  console.log(
    `kb-load: catalog ${statSync(path).size} bytes; cold ${cold.toFixed(1)} ms; ` +
      `median of ${runs} ${median(times).toFixed(1)} ms (min ${times[0].toFixed(1)}, ` +
      `max ${times[times.length - 1].toFixed(1)})`,
  );
}
