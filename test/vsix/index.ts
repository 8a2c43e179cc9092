// Entry point VS Code loads as `extensionTestsPath` when the extension under test is the one
// installed from the .vsix (test/vsix/run-vsix.mjs). Bundled to dist/test/vsix/index.js.
import Mocha from 'mocha';

/** The totals line the runners parse (the real-VS-Code suite writes the same one). */
const STATS_PREFIX = 'ATTACK_NOTES_STATS ';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  // Bundled suites: install the bdd globals before evaluating them (see test/vscode/suite/index.ts).
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'bundle', mocha);
  await import('./installed.test');
  const stats = await new Promise<{ passed: number; failed: number; pending: number }>(
    (resolve) => {
      const runner = mocha.run(() => {
        const s = runner.stats;
        resolve({ passed: s?.passes ?? 0, failed: s?.failures ?? 0, pending: s?.pending ?? 0 });
      });
    },
  );
  // The runner turns this line into the stats file for `npm test` (no environment reaches here).
  console.log(`${STATS_PREFIX}${JSON.stringify(stats)}`);
  if (stats.failed > 0) throw new Error(`${stats.failed} test(s) failed`);
}
