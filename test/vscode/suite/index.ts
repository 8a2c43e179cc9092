// Entry point that VS Code loads as `extensionTestsPath`: runs the mocha suites inside the
// extension host, where the real `vscode` API exists. Bundled to dist/test/vscode/index.js.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { pauseForScreenshot } from './screenshot';

/** Prefix of the last log line; the runner outside the extension host parses it into the totals. */
export const STATS_PREFIX = 'ATTACK_NOTES_STATS ';

export async function run(): Promise<void> {
  // Colours off: the output travels as log lines to the runner (codeAutomationLog), not a TTY.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  // The suites are bundled into this file rather than loaded by path, so install the bdd globals
  // (describe, it) by hand before evaluating them; mocha.addFile would do this per file.
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'bundle', mocha);
  await import('./activation.test');
  await import('./documentSymbols.test');
  await import('./diagnostics.test');
  await import('./knowledgeBase.test');
  await import('./navigation.test');
  await import('./completion.test');
  await import('./preview.test');
  await import('./codeActions.test');
  await import('./coverage.test');
  // Last: it kills the language server the suites above use.
  await import('./serverRestart.test');

  const stats = await new Promise<{ passed: number; failed: number; pending: number }>(
    (resolve) => {
      const runner = mocha.run(() => {
        const s = runner.stats;
        resolve({ passed: s?.passes ?? 0, failed: s?.failures ?? 0, pending: s?.pending ?? 0 });
      });
    },
  );
  await pauseForScreenshot();
  // Under code-server the runner's environment does not reach this process, so the totals go out
  // as a log line that the runner turns into the stats file for `npm test`. Under
  // @vscode/test-electron the variable does arrive, and the file is written here.
  console.log(`${STATS_PREFIX}${JSON.stringify(stats)}`);
  const statsFile = process.env.ATTACK_NOTES_TEST_STATS;
  if (statsFile) {
    mkdirSync(path.dirname(statsFile), { recursive: true });
    writeFileSync(statsFile, JSON.stringify(stats));
  }
  if (stats.failed > 0) throw new Error(`${stats.failed} test(s) failed`);
}
