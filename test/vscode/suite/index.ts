// Entry point that VS Code loads as `extensionTestsPath`: runs the mocha suites inside the
// extension host, where the real `vscode` API exists. Bundled to dist/test/vscode/index.js.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportStats, runSuitesInHost } from '../mochaInHost';
import { pauseForScreenshot } from './screenshot';

export async function run(): Promise<void> {
  const stats = await runSuitesInHost(async () => {
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
  });
  await pauseForScreenshot();
  // Under @vscode/test-electron the environment does reach this process, and the stats file is
  // written here; under code-server the runner writes it from the log line.
  const statsFile = process.env.ATTACK_NOTES_TEST_STATS;
  if (statsFile) {
    mkdirSync(path.dirname(statsFile), { recursive: true });
    writeFileSync(statsFile, JSON.stringify(stats));
  }
  reportStats(stats);
}
