import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCheck } from '../../server/src/cli/check';
import { catalogKnowledgeBase } from '../unit/kb/attackData';
import { repoRoot } from './support/lspTestClient';

const bin = path.join(repoRoot, 'bin', 'attack-notes.js');
const vaults = path.join(repoRoot, '..', 'shared', 'vaults');

/** The built CLI, made to check on two threads whatever the machine. */
function builtCheck(vault: string) {
  const result = spawnSync(process.execPath, [bin, 'check', vault, '--format', 'json'], {
    cwd: vaults,
    env: { ...process.env, ATTACK_NOTES_CHECK_THREADS: '2' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same check in this process, on one thread. */
async function inProcessCheck(vault: string) {
  let stdout = '';
  const code = await runCheck([vault, '--format', 'json'], {
    cwd: vaults,
    stdout: (text) => (stdout += text),
    stderr: () => undefined,
    loadKnowledgeBase: catalogKnowledgeBase,
  });
  return { code, stdout };
}

describe('protocol: attack-notes check (the built CLI)', function () {
  this.timeout(120_000);

  before(function () {
    if (!existsSync(vaults) || !existsSync(path.join(repoRoot, 'dist', 'check-worker.js')))
      this.skip();
  });

  for (const vault of ['enterprise', 'kb-dialect']) {
    it(`finds on two threads exactly what one thread finds (${vault})`, async function () {
      const built = builtCheck(vault);
      const single = await inProcessCheck(vault);
      assert.equal(built.stderr, '');
      assert.equal(built.code, single.code);
      assert.deepEqual(JSON.parse(built.stdout), JSON.parse(single.stdout));
    });
  }
});
