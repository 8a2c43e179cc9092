// Installs the .vsix that `npm run package` built into a fresh code-server (VS Code 1.100.3) with
// `--install-extension`, opens a copy of examples/vault and runs dist/test/vsix/index.js against
// the installed copy. Writes the totals to $ATTACK_NOTES_TEST_STATS; exits non-zero on failure.
//
// VS Code runs `extensionTestsPath` only together with an `extensionDevelopmentPath` (the
// extension host refuses otherwise), so the development path is an empty probe extension made
// here: it contributes nothing, and the extension under test is the installed one. The suite logs
// where VS Code loaded it from, and this runner checks that it is inside the fresh extensions
// folder, not the repository.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer, repoRoot } from '../../scripts/code-server.mjs';
import {
  cleanUpOnExit,
  exitUnlessBuilt,
  launchWorkbench,
  profileDirs,
  runSuiteInWorkbench,
  scratchWithSampleVault,
  settleRun,
  SUITE_TIMEOUT_MS,
} from '../vscode/workbenchSuite.mjs';

const EXTENSION_PATH_PREFIX = 'ATTACK_NOTES_EXTENSION_PATH ';
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const vsix = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
const suite = path.join(repoRoot, 'dist', 'test', 'vsix', 'index.js');
const timeoutMs = SUITE_TIMEOUT_MS;

exitUnlessBuilt([
  [vsix, 'npm run package'],
  [suite, 'npm run build'],
]);

const entry = ensureCodeServer();
const { scratch, workspace } = scratchWithSampleVault('vsix');
const { extensionsDir, userDataDir } = profileDirs(scratch);
const probe = path.join(scratch, 'probe-extension');
mkdirSync(probe);
writeFileSync(
  path.join(probe, 'package.json'),
  JSON.stringify({
    name: 'vsix-test-probe',
    publisher: 'attack-notes-tests',
    version: '0.0.0',
    engines: { vscode: '^1.100.0' },
  }),
);

/** The code-server and Chromium of this run, once started. */
const launched = {};
const cleanUp = cleanUpOnExit(scratch, launched);

let exitCode = 1;
try {
  const started = Date.now();
  const install = spawnSync(
    process.execPath,
    [
      entry,
      '--install-extension',
      vsix,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0)
    throw new Error(`--install-extension failed:\n${install.stdout}${install.stderr}`);
  const installed = path.join(
    extensionsDir,
    `${manifest.publisher}.${manifest.name}-${manifest.version}`,
  );
  if (!existsSync(path.join(installed, 'package.json')))
    throw new Error(`the .vsix did not install into ${installed}:\n${install.stdout}`);
  console.log(`[vsix] installed ${path.basename(vsix)} into ${installed}`);

  const { server, page } = await launchWorkbench(launched, { scratch, workspace });
  let loadedFrom;
  const outcome = await runSuiteInWorkbench({
    page,
    server,
    workspace,
    developmentPath: probe,
    suite,
    timeoutMs,
    onLine: (line) => {
      if (!line.startsWith(EXTENSION_PATH_PREFIX)) return false;
      loadedFrom = line.slice(EXTENSION_PATH_PREFIX.length);
      return true;
    },
  });
  const { result } = outcome;
  let { stats } = outcome;
  console.log(
    `[vsix] extension tests ended with ${result} after ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );

  // The suite's own check says "an installed folder"; this one says "the one installed here".
  const fromInstall = loadedFrom !== undefined && path.resolve(loadedFrom) === installed;
  if (!fromInstall) console.error(`[vsix] the extension ran from ${loadedFrom}, not ${installed}`);
  else console.log(`[vsix] the extension ran from the installed copy: ${loadedFrom}`);
  if (stats && !fromInstall) stats = { ...stats, failed: stats.failed + 1 };

  exitCode = settleRun('vsix', { result, stats }, server, timeoutMs);
} catch (error) {
  console.error(`[vsix] ${error.stack ?? error}`);
} finally {
  cleanUp();
}
process.exit(exitCode);
