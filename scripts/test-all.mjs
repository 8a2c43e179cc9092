// `npm test`: static checks, then the test layers (unit, protocol, soak, real VS Code, the package and
// the installed .vsix), then one summary. Fails when a check or a layer fails, or when a layer ran
// no test.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const resultsDir = path.resolve('test-results');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(title, args, env = {}) {
  console.log(`\n=== ${title}: ${args.join(' ')}`);
  const result = spawnSync(npm, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

const staticOk =
  run('build', ['run', 'build']) &&
  run('typecheck', ['run', 'typecheck']) &&
  run('lint', ['run', 'lint']);
if (!staticOk) {
  console.error('\nnpm test: build, typecheck or lint failed');
  process.exit(1);
}

const layers = [
  { name: 'unit', script: 'test:unit' },
  { name: 'protocol', script: 'test:protocol' },
  // 20,000 edits of one note through the built server (test/soak/); not in the fresh clone's run.
  { name: 'soak', script: 'test:soak' },
  // Seeded mutations of real notes through the built server, and the kept regressions (test/fuzz/).
  { name: 'fuzz', script: 'test:fuzz' },
  { name: 'vscode', script: 'test:vscode' },
  // Restricted Mode: an untrusted folder, then trusted through the Workspace Trust editor.
  { name: 'restricted', script: 'test:vscode:restricted' },
  // The .vsix: its contents and size, then installed into a fresh VS Code (test/vsix/).
  { name: 'package', script: 'test:package' },
  { name: 'vsix', script: 'test:vsix' },
];
const only = process.env.ATTACK_NOTES_LAYERS?.split(',');
const totals = { passed: 0, failed: 0, pending: 0 };
let ok = true;
const lines = [];
for (const layer of layers) {
  if (only && !only.includes(layer.name)) continue;
  const statsFile = path.join(resultsDir, `${layer.name}.json`);
  rmSync(statsFile, { force: true });
  const exitedCleanly = run(layer.name, ['run', layer.script], {
    ATTACK_NOTES_TEST_STATS: statsFile,
  });
  const stats = existsSync(statsFile)
    ? JSON.parse(readFileSync(statsFile, 'utf8'))
    : { passed: 0, failed: 0, pending: 0 };
  const ran = stats.passed + stats.failed;
  if (!exitedCleanly || stats.failed > 0 || ran === 0) ok = false;
  const note =
    !exitedCleanly && stats.failed === 0 ? ' (runner failed)' : ran === 0 ? ' (no test ran)' : '';
  lines.push(
    `${layer.name}: ${stats.passed} passed, ${stats.failed} failed, ${stats.pending} skipped${note}`,
  );
  totals.passed += stats.passed;
  totals.failed += stats.failed;
  totals.pending += stats.pending;
}
console.log('\n=== summary');
for (const line of lines) console.log(line);
console.log(`total: ${totals.passed} passed, ${totals.failed} failed, ${totals.pending} skipped`);
process.exit(ok ? 0 : 1);
