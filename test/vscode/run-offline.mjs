// `npm run test:vscode`: runs the bundled suite (dist/test/vscode/index.js) inside real VS Code
// 1.100.3 served by code-server and driven by headless Chromium, with no download at test time.
// Prints the extension host's output, writes the totals to $ATTACK_NOTES_TEST_STATS, saves a
// screenshot of the workbench to test-results/vscode-workbench.png (and the pictures the suite asks
// for by name), exits non-zero on failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer, repoRoot } from '../../scripts/code-server.mjs';
import {
  cleanUpOnExit,
  exitUnlessBuilt,
  launchWorkbench,
  runSuiteInWorkbench,
  scratchWithSampleVault,
  settleRun,
  SUITE_TIMEOUT_MS,
} from './workbenchSuite.mjs';

// Log lines of the suite (test/vscode/suite/index.ts and screenshot.ts) meant for this runner.
const SCREENSHOT_PREFIX = 'ATTACK_NOTES_SCREENSHOT ';
const suite = path.join(repoRoot, 'dist', 'test', 'vscode', 'index.js');
const screenshot = path.join(repoRoot, 'test-results', 'vscode-workbench.png');
const timeoutMs = SUITE_TIMEOUT_MS;

exitUnlessBuilt([[suite, 'npm run build']]);

const installStarted = Date.now();
ensureCodeServer();
const installSeconds = (Date.now() - installStarted) / 1000;
if (installSeconds > 1)
  console.log(`[vscode] code-server ready after ${installSeconds.toFixed(0)} s`);

const { scratch, workspace } = scratchWithSampleVault('vscode');
/** The code-server and Chromium of this run, once started. */
const launched = {};
const cleanUp = cleanUpOnExit(scratch, launched);

let exitCode = 1;
try {
  const started = Date.now();
  const { server, page } = await launchWorkbench(launched, { scratch, workspace });

  let screenshotTaken = false;
  // Without a name: the end-of-run picture (vscode-workbench.png); with one: test-results/<name>.png.
  const takeScreenshot = async (name, waitFor) => {
    const file = name ? path.join(path.dirname(screenshot), `${name}.png`) : screenshot;
    mkdirSync(path.dirname(file), { recursive: true });
    // A menu or list opens a moment after the command that asks for it: wait until it shows.
    if (waitFor) await page.waitForSelector(waitFor, { timeout: 10_000 }).catch(() => undefined);
    await page
      .screenshot({ path: file, timeout: 10_000 })
      .then(() => {
        if (!name) screenshotTaken = true;
        console.log(`[vscode] screenshot: ${path.relative(repoRoot, file)}`);
      })
      .catch((error) => console.error(`[vscode] no screenshot: ${error.message}`));
  };
  const { result, stats } = await runSuiteInWorkbench({
    page,
    server,
    workspace,
    developmentPath: repoRoot,
    suite,
    timeoutMs,
    onLine: (line) => {
      if (!line.startsWith(SCREENSHOT_PREFIX)) return false;
      // The suite holds the extension host (and so the findings on screen) until this file exists.
      // `<doneFile> [name [selector]]`: a name saves test-results/<name>.png, once the CSS
      // selector (no spaces) matches when one is given.
      const [done, name, waitFor] = line.slice(SCREENSHOT_PREFIX.length).split(' ');
      const safeName = name && /^[\w.-]+$/.test(name) ? name : undefined;
      void takeScreenshot(safeName, waitFor).finally(() => writeFileSync(done, ''));
      return true;
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[vscode] extension tests ended with ${result} after ${seconds} s`);

  // The suite did not get to its screenshot (it crashed or timed out): show the workbench as it is.
  if (!screenshotTaken) await takeScreenshot();

  exitCode = settleRun('vscode', { result, stats }, server, timeoutMs);
} catch (error) {
  console.error(`[vscode] ${error.stack ?? error}`);
} finally {
  cleanUp();
}
// The Playwright connection would keep the process alive; the result is known, so leave now.
process.exit(exitCode);
