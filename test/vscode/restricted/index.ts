// Entry point VS Code loads as `extensionTestsPath` in the Restricted Mode run
// (test/vscode/run-restricted.mjs). Bundled to dist/test/vscode-restricted/index.js.
import { reportStats, runSuitesInHost } from '../mochaInHost';

export async function run(): Promise<void> {
  reportStats(
    await runSuitesInHost(async () => {
      await import('./restrictedMode.test');
    }),
  );
}
