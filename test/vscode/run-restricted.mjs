// `npm run test:vscode:restricted`: the extension in Restricted Mode, in real VS Code. code-server
// runs with workspace trust on (every other run turns it off) and never prompts, so the copy of
// examples/vault opens untrusted. The user settings name a STIX bundle inside that folder (user
// settings are not restricted: the extension itself must refuse the bundle) and the folder has
// an .attack-notes.json with a severity and a section list. The suite (test/vscode/restricted)
// checks what is held back, then asks this runner to trust the folder as a person would: the
// Workspace Trust editor's Trust button, pressed through Playwright.
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
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
} from './workbenchSuite.mjs';

/** The suite's request to trust the folder (keep in step with test/vscode/restricted/trustBridge.ts). */
const TRUST_PREFIX = 'ATTACK_NOTES_TRUST ';
const suite = path.join(repoRoot, 'dist', 'test', 'vscode-restricted', 'index.js');
const timeoutMs = SUITE_TIMEOUT_MS;

/** A bundle defining M9001, and a severity with a section list (test/fixtures/trust/README.md). */
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'trust');

exitUnlessBuilt([[suite, 'npm run build']]);

ensureCodeServer();
const { scratch, workspace } = scratchWithSampleVault('restricted');
const { userDataDir } = profileDirs(scratch);
const bundle = path.join(workspace, 'custom.json');
copyFileSync(path.join(fixtures, 'custom-bundle.json'), bundle);
copyFileSync(
  path.join(fixtures, 'team.attack-notes.json'),
  path.join(workspace, '.attack-notes.json'),
);
// The note listing M9001, which the suite opens.
copyFileSync(
  path.join(fixtures, 'JavaScript.md'),
  path.join(workspace, 'techniques', 'JavaScript.md'),
);
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
  const { server, page } = await launchWorkbench(launched, {
    scratch,
    workspace,
    workspaceTrust: true,
  });

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
