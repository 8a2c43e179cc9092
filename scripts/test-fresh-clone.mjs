// `npm run test:fresh-clone` (run by .ci/run): the README's promise, tried as a new user would.
// Clones the committed HEAD into <tmp>/main, where <tmp>/shared does not exist, then runs
// `npm ci && npm test` there (static checks and the unit, protocol and real-VS-Code layers). Tests
// that need the large vaults or the STIX bundles of ../shared must skip with one line; everything
// else must pass on what the repository holds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-fresh-'));
const clone = path.join(scratch, 'main');

// The clone sees no shared data: nothing beside it, and no override pointing elsewhere.
const env = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' };
delete env.ATTACK_NOTES_SHARED_DIR;
// The layers whose tests read ../shared when it exists, plus real VS Code on examples/vault. The
// package and .vsix layers read nothing beside the repository and the main run covers them; left
// out here to keep CI's added time down. ATTACK_NOTES_FRESH_CLONE_LAYERS overrides.
env.ATTACK_NOTES_LAYERS = process.env.ATTACK_NOTES_FRESH_CLONE_LAYERS || 'unit,protocol,vscode';
// code-server (VS Code for the real-VS-Code layer) is a test tool installed outside the project's
// dependencies; reinstalling it would test npm's registry, not this repository, so reuse this
// checkout's install unless the caller chose another one.
env.ATTACK_NOTES_CODE_SERVER_DIR ??= path.join(repoRoot, '.vscode-test', 'code-server');

function step(title, command, args, cwd) {
  const started = Date.now();
  console.log(`\n=== fresh clone: ${title}`);
  const result = spawnSync(command, args, { cwd, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(
    `=== fresh clone: ${title} ${result.status === 0 ? 'passed' : 'FAILED'} in ${seconds} s`,
  );
  return result.status === 0;
}

let ok = false;
try {
  // A fresh temporary folder has no shared/ beside main/; the clone's tests look exactly there.
  if (existsSync(path.join(scratch, 'shared'))) throw new Error('shared/ exists beside the clone');
  ok =
    step('git clone', 'git', ['clone', '--quiet', '--no-hardlinks', repoRoot, clone], scratch) &&
    // --prefer-offline: npm's cache already holds what `npm ci` fetched for the checkout itself.
    step('npm ci', 'npm', ['ci', '--prefer-offline'], clone) &&
    step('npm test', 'npm', ['test'], clone);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`\nfresh clone (${clone}, no ../shared): ${ok ? 'passed' : 'FAILED'}`);
process.exit(ok ? 0 : 1);
