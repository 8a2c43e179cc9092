import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCheckInProcess } from '../unit/cli/runCheckInProcess';
import { catalogKnowledgeBase } from '../unit/kb/attackData';
import { CUSTOM_BUNDLE } from '../support/customBundle';
import { itWithShared, sharedPath } from '../support/sharedData';
import { repoRoot } from './support/lspTestClient';

const bin = path.join(repoRoot, 'bin', 'attack-notes.js');

/** The built CLI, made to check on two threads whatever the machine. */
function builtCheck(vaults: string, vault: string) {
  const result = spawnSync(process.execPath, [bin, 'check', vault, '--format', 'json'], {
    cwd: vaults,
    env: { ...process.env, ATTACK_NOTES_CHECK_THREADS: '2' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same check in this process, on one thread. */
function inProcessCheck(vaults: string, vault: string) {
  return runCheckInProcess(vaults, [vault, '--format', 'json'], catalogKnowledgeBase);
}

/** `vault` (a folder of `vaults`) checked on two threads and on one: the same findings. */
async function assertThreadsAgree(vaults: string, vault: string) {
  const built = builtCheck(vaults, vault);
  const single = await inProcessCheck(vaults, vault);
  // Nothing on stderr but the newer-vault line, the same from both (kb-dialect has one).
  assert.equal(built.stderr, single.stderr);
  assert.doesNotMatch(built.stderr, /cannot read|error/i);
  assert.equal(built.code, single.code);
  assert.deepEqual(JSON.parse(built.stdout), JSON.parse(single.stdout));
}

describe('protocol: attack-notes check (the built CLI)', function () {
  this.timeout(120_000);

  it('finds on two threads exactly what one thread finds (examples/vault)', async () => {
    // The sample vault's deliberate mistakes make sure there is something to agree on.
    const built = builtCheck(path.join(repoRoot, 'examples'), 'vault');
    assert.ok(JSON.parse(built.stdout).length > 0);
    await assertThreadsAgree(path.join(repoRoot, 'examples'), 'vault');
  });

  for (const vault of ['enterprise', 'kb-dialect'] as const) {
    itWithShared(`finds on two threads exactly what one thread finds (${vault})`, vault, () =>
      assertThreadsAgree(path.dirname(sharedPath(vault)), vault),
    );
  }

  it('gives the worker thread the same --stix-bundle data as the main thread', function () {
    const work = mkdtempSync(path.join(tmpdir(), 'attack-notes-threads-'));
    try {
      // Many notes, so that both threads parse (and check) some of them.
      for (let i = 0; i < 300; i++) {
        const file = path.join(work, 'vault', `Idea ${i}.md`);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, '| ID | Name |\n| --- | --- |\n| T1059.999 | Network Device CLI |\n');
      }
      writeFileSync(path.join(work, 'custom.json'), CUSTOM_BUNDLE);
      const args = [bin, 'check', 'vault', '--stix-bundle', 'custom.json', '--format', 'json'];
      const result = spawnSync(process.execPath, args, {
        cwd: work,
        encoding: 'utf8',
        env: { ...process.env, ATTACK_NOTES_CHECK_THREADS: '2' },
      });
      assert.equal(result.stderr, '');
      assert.deepEqual(JSON.parse(result.stdout), []);
      assert.equal(result.status, 0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
