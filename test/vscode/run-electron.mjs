// `npm run test:electron`: the same bundled suite in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code from Microsoft (not these offline ones: use
// `npm run test:vscode`). On a Linux machine without a display, run it under xvfb-run.
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = path.join(repoRoot, 'dist', 'test', 'vscode', 'index.js');
if (!existsSync(suite)) {
  console.error('dist/test/vscode/index.js is missing: run `npm run build` first.');
  process.exit(2);
}

// A copy of the sample vault, as in the offline runner: what the tests edit must not reach examples/.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-electron-'));
const workspace = path.join(scratch, 'vault');
cpSync(path.join(repoRoot, 'examples', 'vault'), workspace, { recursive: true });

let exitCode = 1;
try {
  exitCode = await runTests({
    // The same VS Code as the offline layer by default, so both layers test one version.
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: suite,
    // Here environment variables do reach the extension host: the suite writes the totals itself.
    extensionTestsEnv: { ATTACK_NOTES_TEST_STATS: process.env.ATTACK_NOTES_TEST_STATS },
    launchArgs: [
      workspace,
      // Only built-in extensions and ours: a developer's own extensions must not change results.
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (error) {
  console.error(`VS Code tests could not run: ${error instanceof Error ? error.message : error}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
