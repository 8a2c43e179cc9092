import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/sharedData';

/**
 * `attack-notes check` loads the CLI bundle through a V8 code cache that the first check after a
 * build writes beside it as it exits (bin/attack-notes.js → dist/check-start.js). Run from a copy
 * of the launcher and bundles, so the cache files this test makes are its own.
 */
describe('protocol: attack-notes check through the code cache', function () {
  this.timeout(60_000);
  let install: string;
  let dist: string;

  before(function () {
    install = mkdtempSync(path.join(tmpdir(), 'attack-notes-check-cache-'));
    dist = path.join(install, 'dist');
    mkdirSync(dist);
    cpSync(path.join(repoRoot, 'bin'), path.join(install, 'bin'), { recursive: true });
    for (const file of ['cli.js', 'check-start.js', 'check-worker.js']) {
      cpSync(path.join(repoRoot, 'dist', file), path.join(dist, file));
    }
    cpSync(path.join(repoRoot, 'dist', 'data'), path.join(dist, 'data'), { recursive: true });
  });

  after(function () {
    rmSync(install, { recursive: true, force: true });
  });

  function run(script: string, args: string[]) {
    const result = spawnSync(process.execPath, [script, ...args], {
      cwd: path.join(repoRoot, 'examples'),
      encoding: 'utf8',
      // One thread, whatever the machine: the worker has no cache of its own.
      env: { ...process.env, ATTACK_NOTES_CHECK_THREADS: '1' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  const check = (...args: string[]) => run(path.join(install, 'bin', 'attack-notes.js'), args);
  const caches = () => readdirSync(dist).filter((file) => file.endsWith('.cache'));

  it('writes no cache for --help or bad usage, one for a check, and then uses it', function () {
    assert.equal(check('check', '--help').code, 0);
    assert.equal(check('check', 'no-such-folder').code, 2);
    assert.deepEqual(caches(), [], 'nothing worth caching ran');

    // The sample vault has findings: exit 1, which is a check that ran.
    const plain = run(path.join(dist, 'cli.js'), ['check', 'vault', '--format', 'json']);
    assert.equal(plain.code, 1);
    const first = check('check', 'vault', '--format', 'json');
    assert.deepEqual(first, plain);
    const [cache] = caches();
    assert.match(cache ?? '', /^cli-[0-9a-f]{12}-[0-9a-f]{8}\.cache$/);
    const written = statSync(path.join(dist, cache!));

    const second = check('check', 'vault', '--format', 'json');
    assert.deepEqual(second, plain);
    assert.deepEqual(caches(), [cache], 'one cache file, still');
    // A cache V8 accepted is not written again.
    assert.equal(statSync(path.join(dist, cache!)).mtimeMs, written.mtimeMs);
  });
});
