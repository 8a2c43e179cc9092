// `npm run test:vscode:restricted`: the extension in Restricted Mode, in real VS Code. code-server
// runs with workspace trust on (every other run turns it off) and never prompts, so the copy of
// examples/vault opens untrusted. The user settings name a STIX bundle inside that folder (user
// settings are not restricted: the extension itself must refuse the bundle) and the folder has
// an .attack-notes.json with a severity and a section list. The suite (test/vscode/restricted)
// checks what is held back, then asks this runner to trust the folder as a person would: the
// Workspace Trust editor's Trust button, pressed through Playwright.
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureCodeServer,
  launchChromium,
  repoRoot,
  startCodeServer,
} from '../../scripts/code-server.mjs';
import { cleanUpOnExit, runSuiteInWorkbench, settleRun } from './workbenchSuite.mjs';

/** The suite's request to trust the folder (keep in step with test/vscode/restricted/trustBridge.ts). */
const TRUST_PREFIX = 'ATTACK_NOTES_TRUST ';
const suite = path.join(repoRoot, 'dist', 'test', 'vscode-restricted', 'index.js');
const timeoutMs = Number(process.env.ATTACK_NOTES_VSCODE_TIMEOUT_MS ?? 180_000);

/** A user bundle defining one mitigation that ATT&CK lacks (as the protocol test's). */
const BUNDLE = {
  type: 'bundle',
  id: 'bundle--restricted-mode-test',
  objects: [
    {
      type: 'course-of-action',
      id: 'course-of-action--restricted-mode-test-1',
      spec_version: '2.1',
      name: 'Signed Script Policy',
      external_references: [{ source_name: 'mitre-attack', external_id: 'M9001' }],
    },
  ],
};

/** A severity (applies untrusted) and a section list (only once trusted). */
const TEAM_FILE = {
  rules: {
    'id-unknown': 'error',
    'section-missing': { severity: 'warning', sections: { technique: ['Lab Notes'] } },
  },
};

if (!existsSync(suite)) {
  console.error(`${path.relative(repoRoot, suite)} is missing: run \`npm run build\` first.`);
  process.exit(2);
}

ensureCodeServer();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-restricted-'));
const workspace = path.join(scratch, 'vault');
const userDataDir = path.join(scratch, 'user-data');
cpSync(path.join(repoRoot, 'examples', 'vault'), workspace, { recursive: true });
const bundle = path.join(workspace, 'custom.json');
writeFileSync(bundle, JSON.stringify(BUNDLE));
writeFileSync(path.join(workspace, '.attack-notes.json'), JSON.stringify(TEAM_FILE));
mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
writeFileSync(
  path.join(userDataDir, 'User', 'settings.json'),
  JSON.stringify({
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'attackNotes.stixBundles': [bundle],
  }),
);

/** The code-server and Chromium of this run, once started. */
const launched = {};
const cleanUp = cleanUpOnExit(scratch, launched);

let exitCode = 1;
try {
  const started = Date.now();
  const server = (launched.server = await startCodeServer({
    workspace,
    extensionsDir: path.join(scratch, 'extensions'),
    userDataDir,
    quiet: true,
    workspaceTrust: true,
    env: { ...process.env, ATTACK_NOTES_TEST_STATS: '' },
  }));
  const chromium = (launched.chromium = await launchChromium());
  const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });

  // The Workspace Trust editor's first button grants trust to the folder (the second, when
  // there is one, trusts its parent).
  const pressTrust = async (doneFile) => {
    let answer;
    try {
      const button = page.locator(
        '.workspace-trust-editor .workspace-trust-buttons .monaco-button',
      );
      await button.first().click({ timeout: 20_000 });
      answer = { ok: true };
    } catch (error) {
      answer = { ok: false, error: String(error.message ?? error) };
    }
    writeFileSync(`${doneFile}.tmp`, JSON.stringify(answer));
    // Renamed into place, so the suite never reads half an answer.
    renameSync(`${doneFile}.tmp`, doneFile);
  };
  const outcome = await runSuiteInWorkbench({
    page,
    server,
    workspace,
    developmentPath: repoRoot,
    suite,
    timeoutMs,
    onLine: (line) => {
      if (!line.startsWith(TRUST_PREFIX)) return false;
      void pressTrust(line.slice(TRUST_PREFIX.length));
      return true;
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[restricted] extension tests ended with ${outcome.result} after ${seconds} s`);
  exitCode = settleRun('restricted', outcome, server, timeoutMs);
} catch (error) {
  console.error(`[restricted] ${error.stack ?? error}`);
} finally {
  cleanUp();
}
// The Playwright connection would keep the process alive; the result is known, so leave now.
process.exit(exitCode);
