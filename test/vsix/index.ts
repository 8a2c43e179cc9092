// Entry point VS Code loads as `extensionTestsPath` when the extension under test is the one
// installed from the .vsix (test/vsix/run-vsix.mjs). Bundled to dist/test/vsix/index.js.
import { reportStats, runSuitesInHost } from '../vscode/mochaInHost';

export async function run(): Promise<void> {
  reportStats(
    await runSuitesInHost(async () => {
      await import('./installed.test');
    }),
  );
}
