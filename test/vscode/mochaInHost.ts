// Runs bundled mocha suites inside the extension host, for the entry points VS Code loads as
// `extensionTestsPath` (test/vscode/suite, test/vscode/restricted, test/vsix). The suites are
// bundled into the entry's file rather than loaded by path, so the bdd globals (describe, it) are
// installed by hand before `importSuites` evaluates them; mocha.addFile would do this per file.
import Mocha from 'mocha';

/** Prefix of the suite's last log line; the runner outside the extension host parses it. */
export const STATS_PREFIX = 'ATTACK_NOTES_STATS ';

export interface SuiteStats {
  passed: number;
  failed: number;
  pending: number;
}

export async function runSuitesInHost(importSuites: () => Promise<void>): Promise<SuiteStats> {
  // Colours off: the output travels as log lines to the runner (codeAutomationLog), not a TTY.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'bundle', mocha);
  await importSuites();
  return new Promise<SuiteStats>((resolve) => {
    const runner = mocha.run(() => {
      const s = runner.stats;
      resolve({ passed: s?.passes ?? 0, failed: s?.failures ?? 0, pending: s?.pending ?? 0 });
    });
  });
}

/**
 * Logs the totals for the runner (under code-server no environment variable reaches the
 * extension host, so the runner turns this line into the stats file for `npm test`), and fails
 * the run when a test failed.
 */
export function reportStats(stats: SuiteStats): void {
  console.log(`${STATS_PREFIX}${JSON.stringify(stats)}`);
  if (stats.failed > 0) throw new Error(`${stats.failed} test(s) failed`);
}
