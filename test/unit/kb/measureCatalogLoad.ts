// Run by the load-time test in a fresh process, as the server starts: the test process itself
// holds the raw ATT&CK bundles (hundreds of MB), whose garbage collection would distort timings.
// Prints, per load, wall-clock and CPU milliseconds; CPU time is what the load costs even when
// other processes crowd the machine (wall time then includes waiting for a core).
import { loadBundledCatalog } from '../../../server/src/core/kb/bundledCatalog';
import { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';

const runs = Number(process.argv[2] ?? 7);
const loads: Array<{ wallMs: number; cpuMs: number }> = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const kb = AttackKnowledgeBase.fromLayers([loadBundledCatalog()]);
  if (!kb.get('T1059.006')) throw new Error('catalog lacks T1059.006');
  const used = process.cpuUsage(cpu);
  loads.push({ wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
}
console.log(JSON.stringify(loads));
