import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCheckInProcess } from '../unit/cli/runCheckInProcess';
import { catalogKnowledgeBase } from '../unit/kb/attackData';
import { repoRoot } from './support/lspTestClient';

const bin = path.join(repoRoot, 'bin', 'attack-notes.js');

/** The built CLI in `cwd` (two threads asked for: fixing runs on one whatever is asked). */
function built(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'check', ...args], {
    cwd,
    env: { ...process.env, ATTACK_NOTES_CHECK_THREADS: '2' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('protocol: attack-notes check --fix (the built CLI)', function () {
  this.timeout(120_000);
  let work: string;

  beforeEach(function () {
    work = mkdtempSync(path.join(tmpdir(), 'attack-notes-built-fix-'));
    for (const copy of ['a', 'b']) {
      cpSync(path.join(repoRoot, 'examples', 'vault'), path.join(work, copy, 'vault'), {
        recursive: true,
      });
    }
  });

  afterEach(function () {
    rmSync(work, { recursive: true, force: true });
  });

  it('prints the diff and fixes the notes as the in-process check does', async function () {
    const inA = path.join(work, 'a');
    const inB = path.join(work, 'b');
    const dryRun = built(inA, 'vault', '--fix-dry-run');
    const expectedDryRun = await runCheckInProcess(
      inB,
      ['vault', '--fix-dry-run'],
      catalogKnowledgeBase,
    );
    assert.deepEqual(dryRun, expectedDryRun);
    assert.match(dryRun.stdout, /^--- a\/vault\/techniques\/PowerShell\.md\n/);

    const fixed = built(inA, 'vault', '--fix');
    const expectedFix = await runCheckInProcess(inB, ['vault', '--fix'], catalogKnowledgeBase);
    assert.deepEqual(fixed, expectedFix);
    assert.match(fixed.stdout, /^Fixed 2 problems in 1 file:\n/);
    const note = (root: string) =>
      readFileSync(path.join(root, 'vault', 'techniques', 'PowerShell.md'), 'utf8');
    assert.equal(note(inA), note(inB));
    assert.notEqual(
      note(inA),
      readFileSync(path.join(repoRoot, 'examples', 'vault', 'techniques', 'PowerShell.md'), 'utf8'),
    );

    const again = built(inA, 'vault', '--fix');
    assert.equal(again.code, 1, 'the findings that need a choice are left');
    assert.match(again.stdout, /^Nothing to fix\.\n/);
  });
});
