// Run by the load-time test in a fresh process, as the server starts: the test process itself
// holds the raw ATT&CK bundles (hundreds of MB), whose garbage collection would distort timings.
import { loadBundledCatalog } from '../../../server/src/core/kb/bundledCatalog';
import { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';

const runs = Number(process.argv[2] ?? 7);
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const kb = AttackKnowledgeBase.fromLayers([loadBundledCatalog()]);
  if (!kb.get('T1059.006')) throw new Error('catalog lacks T1059.006');
  times.push(performance.now() - started);
}
console.log(JSON.stringify(times));
