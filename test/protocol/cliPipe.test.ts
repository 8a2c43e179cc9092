import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './support/lspTestClient';

const bin = path.join(repoRoot, 'bin', 'attack-notes.js');

describe('protocol: the built CLI piped into a reader that stops early', function () {
  this.timeout(120_000);
  let work: string;

  before(function () {
    work = mkdtempSync(path.join(tmpdir(), 'attack-notes-pipe-'));
    // Far more output than a pipe holds: 1,500 notes with a broken link each.
    for (let i = 0; i < 1500; i++) {
      const file = path.join(work, 'vault', `Note ${i}.md`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `# Note ${i}\n\nSee [[A note that is not there ${i}]].\n`);
    }
  });

  after(function () {
    rmSync(work, { recursive: true, force: true });
  });

  it('ends quietly with its own exit code (as `check vault | head -c 100`)', async function () {
    // bash reports the CLI's own exit status in PIPESTATUS, on its stdout after head's bytes.
    const script = `"$1" "$0" check vault 2>cli-stderr | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const child = spawn('bash', ['-c', script, bin, process.execPath], {
      cwd: work,
      env: { ...process.env, ATTACK_NOTES_CHECK_THREADS: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    assert.equal(readFileSync(path.join(work, 'cli-stderr'), 'utf8'), '');
    assert.equal(stdout.trim(), '1', 'the warnings decide the exit code');
  });
});
