// Runs an extension test suite inside the workbench page of a started code-server, as both runners
// need it (test/vscode/run-offline.mjs for the development folder, test/vsix/run-vsix.mjs for the
// installed .vsix): the automation hooks the workbench calls, the suite's totals, the webview
// probe, a deadline, and the page load.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import {
  launchChromium,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from '../../scripts/code-server.mjs';
import { createWebviewProbe, WEBVIEW_PREFIX } from './webviewProbe.mjs';

/** How long a suite may run before its runner gives up (ATTACK_NOTES_VSCODE_TIMEOUT_MS). */
export const SUITE_TIMEOUT_MS = Number(process.env.ATTACK_NOTES_VSCODE_TIMEOUT_MS ?? 180_000);

/**
 * Exits with 2, saying what to run, when a file the run needs has not been built:
 * `[[file, 'npm run build'], …]`.
 */
export function exitUnlessBuilt(needed) {
  for (const [file, make] of needed) {
    if (existsSync(file)) continue;
    console.error(`${path.relative(repoRoot, file)} is missing: run \`${make}\` first.`);
    process.exit(2);
  }
}

/** The suite's last log line (test/vscode/suite/index.ts, test/vsix/suite): its totals as JSON. */
const STATS_PREFIX = 'ATTACK_NOTES_STATS ';

/**
 * Opens the workbench on `workspace` with `extensionDevelopmentPath` and `extensionTestsPath`, and
 * waits until the suite's `run()` settles (the workbench calls `codeAutomationExit`), the page
 * crashes, or `timeoutMs` passes. Log lines the suite writes for a runner go to `onLine`, which
 * returns true when it took the line; the others are printed.
 *
 * @returns {Promise<{ result: number | string, stats: { passed: number, failed: number, pending: number } | undefined }>}
 *   `result` is 0 or 1 from the workbench, or why there is none ('timeout', 'a crash of the page').
 */
export async function runSuiteInWorkbench({
  page,
  server,
  workspace,
  developmentPath,
  suite,
  timeoutMs,
  onLine = () => false,
}) {
  // The suites read webview DOM through the runner (test/vscode/suite/webview.ts).
  const webviewProbe = createWebviewProbe(page);
  let stats;
  let settle;
  const finished = new Promise((resolve) => (settle = resolve));
  // The workbench calls these two when it runs extension tests (VS Code's automation hooks).
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    // The arguments of a console call, format string first (mocha's reporter uses %s and %d).
    const text = format(...(Array.isArray(args) ? args : [args]));
    // The workbench tries the extension gallery, which this offline machine cannot reach.
    if (text.includes('ENOTFOUND open-vsx.org')) return;
    for (const line of text.split('\n')) {
      if (line.startsWith(STATS_PREFIX)) stats = JSON.parse(line.slice(STATS_PREFIX.length));
      else if (line.startsWith(WEBVIEW_PREFIX))
        void webviewProbe.handle(line.slice(WEBVIEW_PREFIX.length));
      else if (!onLine(line)) console.log(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle(code));
  const timer = setTimeout(() => settle('timeout'), timeoutMs);
  page.on('crash', () => settle('a crash of the page'));
  await page.goto(
    workbenchUrl(server, workspace, [
      ['extensionDevelopmentPath', developmentPath],
      ['extensionTestsPath', suite],
      ['skipWelcome', 'true'],
    ]),
    // Playwright's 30 s default for the page's load event was too short on a loaded machine.
    { timeout: timeoutMs },
  );
  const result = await finished;
  clearTimeout(timer);
  return { result, stats };
}

/**
 * What a runner starts and must stop however it ends (finished, failed or interrupted): the
 * code-server and Chromium it launched, and its scratch folder. Returns the clean-up to call
 * when the run ends; Ctrl-C and SIGTERM call it too, then exit with 130.
 */
export function cleanUpOnExit(scratch, launched) {
  const cleanUp = () => {
    launched.chromium?.stop();
    launched.server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
  return cleanUp;
}

/** Writes the totals where `npm test` reads them (scripts/test-all.mjs). */
function writeStats(stats) {
  const file = process.env.ATTACK_NOTES_TEST_STATS;
  if (!stats || !file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(stats));
}

/**
 * Ends a runner's run the same way in every runner: writes the totals for `npm test`, says why
 * there are none, and prints the end of code-server's log when no test ran (the cause is then
 * usually on the server side). Returns the exit code: 0 only when the suite passed.
 */
export function settleRun(label, { result, stats }, server, timeoutMs) {
  writeStats(stats);
  if (result === 'timeout') console.error(`[${label}] no result within ${timeoutMs} ms`);
  else if (!stats) console.error(`[${label}] the suite ended without reporting its totals`);
  const exitCode = result === 0 && stats && stats.failed === 0 ? 0 : 1;
  if (exitCode !== 0 && !stats)
    console.error(
      `[${label}] code-server's log:\n${server.log().split('\n').slice(-40).join('\n')}`,
    );
  return exitCode;
}

/**
 * A run's scratch folder, for fresh profile and extensions folders (nothing leaks from a previous
 * run or a person's setup), with a copy of examples/vault as the workspace: edits made through the
 * workbench (quick fixes, typing, code-server's saves) must not reach the committed examples.
 */
export function scratchWithSampleVault(name) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), `attack-notes-${name}-`));
  const workspace = path.join(scratch, 'vault');
  cpSync(path.join(repoRoot, 'examples', 'vault'), workspace, { recursive: true });
  return { scratch, workspace };
}

/** The fresh extensions and user data (profile) folders of a run, inside its scratch folder. */
export function profileDirs(scratch) {
  return {
    extensionsDir: path.join(scratch, 'extensions'),
    userDataDir: path.join(scratch, 'user-data'),
  };
}

/**
 * Starts code-server on `workspace` with the profile and extension folders of the run's scratch
 * folder, and headless Chromium with one page for the workbench; both are recorded in `launched`
 * as they start, so the run's clean-up stops whatever did start.
 */
export async function launchWorkbench(launched, { scratch, workspace, workspaceTrust = false }) {
  launched.server = await startCodeServer({
    workspace,
    ...profileDirs(scratch),
    quiet: true,
    workspaceTrust,
    // The runner alone writes the stats file (from the suite's log line), not the suite as well.
    env: { ...process.env, ATTACK_NOTES_TEST_STATS: '' },
  });
  launched.chromium = await launchChromium();
  const page = await launched.chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
  return { server: launched.server, page };
}
