import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vm from 'node:vm';
import {
  cacheFileName,
  decodeCacheFile,
  encodeCacheFile,
  loadWithCompileCache,
  type LoadOptions,
  type LoadResult,
} from '../../../server/loader/compileCache';

/** A stand-in for the server bundle: CommonJS, requires a builtin, counts how often it ran. */
function bundleSource(version: number): string {
  return [
    '"use strict";',
    'const path = require("node:path");',
    'globalThis.__compileCacheRuns = (globalThis.__compileCacheRuns ?? 0) + 1;',
    `module.exports = { version: ${version}, file: path.basename(__filename), dir: __dirname,`,
    '  self: module, work: Array.from({ length: 50 }, (_, i) => i * 2).reduce((a, b) => a + b) };',
    '//# sourceMappingURL=bundle.js.map',
    '',
  ].join('\n');
}

type Exports = { version: number; file: string; dir: string; self: unknown; work: number };
const globals = globalThis as { __compileCacheRuns?: number };

describe('compile cache loader (server/loader)', () => {
  let root: string;
  let bundle: string;
  let cacheDir: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'attack-notes-cc-test-'));
    bundle = join(root, 'bundle.js');
    cacheDir = root;
    writeFileSync(bundle, bundleSource(1));
    globals.__compileCacheRuns = 0;
  });

  afterEach(() => {
    delete createRequire(bundle).cache[bundle];
    rmSync(root, { recursive: true, force: true });
  });

  /** Loads the bundle and waits until the cache is written (or not, for a cached load). */
  async function load(extra: Partial<LoadOptions> = {}): Promise<{
    result: LoadResult;
    written?: { file: string } | { error: unknown };
  }> {
    delete createRequire(bundle).cache[bundle];
    let done!: (w: { file: string } | { error: unknown }) => void;
    const writing = new Promise<{ file: string } | { error: unknown }>((r) => (done = r));
    const result = loadWithCompileCache({
      bundle,
      cacheDirs: [cacheDir],
      writeDelayMs: 0,
      // tsx turns source maps on; the real loader runs in plain Node.
      requireWhenSourceMaps: false,
      onWritten: done,
      ...extra,
    });
    if (result.status === 'cached' || result.status === 'required') return { result };
    return { result, written: await writing };
  }

  function cacheFiles(dir = cacheDir): string[] {
    return readdirSync(dir).filter((f) => f.endsWith('.cache'));
  }

  it('compiles and writes a cache on the first load, uses it on the second', async () => {
    const first = await load();
    assert.equal(first.result.status, 'compiled');
    const exports = first.result.exports as Exports;
    assert.equal(exports.version, 1);
    assert.equal(exports.file, 'bundle.js');
    assert.equal(exports.dir, root);
    assert.equal(exports.work, 2450);
    assert.equal(createRequire(bundle).cache[bundle], exports.self, 'registered in require.cache');
    assert.ok((exports.self as { paths: string[] }).paths.includes(join(root, 'node_modules')));
    const expected = join(cacheDir, cacheFileName(bundle, readFileSync(bundle)));
    assert.deepEqual(first.written, { file: expected });
    assert.ok(decodeCacheFile(readFileSync(expected)), 'a valid cache file');
    assert.deepEqual(cacheFiles(), [cacheFileName(bundle, readFileSync(bundle))]);
    assert.equal(readdirSync(root).filter((f) => f.endsWith('.tmp')).length, 0);

    const second = await load();
    assert.equal(second.result.status, 'cached');
    assert.equal(second.result.cacheFile, expected);
    assert.equal((second.result.exports as Exports).version, 1);
    assert.equal(globals.__compileCacheRuns, 2, 'the bundle ran once per load');
  });

  it('replaces a corrupt cache file instead of using it', async () => {
    await load();
    const file = join(cacheDir, cacheFileName(bundle, readFileSync(bundle)));
    const good = readFileSync(file);
    for (const damage of [
      Buffer.from('not a cache at all'),
      good.subarray(0, good.length - 100), // truncated
      Buffer.concat([good.subarray(0, good.length - 1), Buffer.from([good[good.length - 1]! ^ 1])]),
    ]) {
      writeFileSync(file, damage);
      const { result, written } = await load();
      assert.equal(result.status, 'compiled');
      assert.equal((result.exports as Exports).version, 1);
      assert.deepEqual(written, { file });
      assert.ok(decodeCacheFile(readFileSync(file)), 'rewritten whole');
      assert.equal((await load()).result.status, 'cached');
    }
  });

  it('rewrites a well-formed cache that V8 rejects (made for other code)', async () => {
    const file = join(cacheDir, cacheFileName(bundle, readFileSync(bundle)));
    const foreign = new vm.Script(
      '(function () { return "some other script"; })',
    ).createCachedData();
    writeFileSync(file, encodeCacheFile(foreign));
    const { result, written } = await load();
    assert.equal(result.status, 'rejected');
    assert.equal((result.exports as Exports).version, 1);
    assert.deepEqual(written, { file });
    assert.equal((await load()).result.status, 'cached');
  });

  it('a rebuilt bundle gets a new cache and the old one is removed', async () => {
    const old = (await load()).written as { file: string };
    writeFileSync(bundle, bundleSource(2));
    const { result, written } = await load();
    assert.equal(result.status, 'compiled', 'the old cache is never offered to V8');
    assert.equal((result.exports as Exports).version, 2);
    assert.notEqual((written as { file: string }).file, old.file);
    assert.deepEqual(cacheFiles(), [cacheFileName(bundle, readFileSync(bundle))]);
  });

  it('writes to the next directory when the first cannot take the file', async () => {
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'a file where a directory should be');
    const fallback = join(root, 'tmp', 'attack-notes-compile-cache');
    const dirs = [blocked, fallback];
    const first = await load({ cacheDirs: dirs });
    assert.equal(first.result.status, 'compiled');
    assert.deepEqual(first.written, {
      file: join(fallback, cacheFileName(bundle, readFileSync(bundle))),
    });
    assert.equal((await load({ cacheDirs: dirs })).result.status, 'cached');
  });

  it('reports a failed write and still loads when no directory takes the cache', async () => {
    const blocked = join(root, 'blocked');
    writeFileSync(blocked, 'x');
    const { result, written } = await load({ cacheDirs: [join(blocked, 'sub')] });
    assert.equal(result.status, 'compiled');
    assert.equal((result.exports as Exports).version, 1);
    assert.ok(written && 'error' in written);
  });

  it('falls back to require when source maps are on, and when the source cannot be compiled', async () => {
    const mapped = await load({ requireWhenSourceMaps: true });
    assert.equal(process.sourceMapsEnabled, true, 'tsx runs with source maps');
    assert.equal(mapped.result.status, 'required');
    assert.equal((mapped.result.exports as Exports).version, 1);
    assert.deepEqual(cacheFiles(), []);

    // A hashbang is valid only at the very start of a script, so the wrapped source does not
    // compile; require strips it and loads the bundle.
    writeFileSync(bundle, '#!/usr/bin/env node\n' + bundleSource(3));
    const hashbang = await load();
    assert.equal(hashbang.result.status, 'required');
    assert.ok(hashbang.result.reason instanceof SyntaxError);
    assert.equal((hashbang.result.exports as Exports).version, 3);
    assert.deepEqual(cacheFiles(), []);
  });

  it('writes the cache as the process exits, when the run says it is worth it', async () => {
    const runs: ({ file: string } | { error: unknown })[] = [];
    // The loader's own `exit` listeners, called as the process would call them (mocha's stay).
    let ours: ((code: number) => void)[] = [];
    const loadForExit = (worth: boolean) => {
      delete createRequire(bundle).cache[bundle];
      const others = new Set(process.listeners('exit'));
      const result = loadWithCompileCache({
        bundle,
        cacheDirs: [cacheDir],
        requireWhenSourceMaps: false,
        writeOnExit: () => worth,
        onWritten: (written) => runs.push(written),
      });
      ours = process.listeners('exit').filter((listener) => !others.has(listener));
      for (const listener of ours) process.off('exit', listener);
      return result;
    };
    const exit = () => ours.forEach((listener) => listener(0));
    // The command failed early: nothing it compiled is worth keeping.
    assert.equal(loadForExit(false).status, 'compiled');
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(cacheFiles(), [], 'no timer wrote it meanwhile');
    exit();
    assert.deepEqual(runs, []);
    assert.deepEqual(cacheFiles(), []);

    assert.equal(loadForExit(true).status, 'compiled');
    exit();
    const file = join(cacheDir, cacheFileName(bundle, readFileSync(bundle)));
    assert.deepEqual(runs, [{ file }]);
    assert.equal(loadForExit(true).status, 'cached');
    exit();
    assert.equal(runs.length, 1, 'a cached load writes nothing');
  });

  it('re-throws an error of the bundle itself without running it twice', async () => {
    writeFileSync(
      bundle,
      'globalThis.__compileCacheRuns = (globalThis.__compileCacheRuns ?? 0) + 1;\nthrow new Error("top-level failure");\n',
    );
    assert.throws(
      () => loadWithCompileCache({ bundle, cacheDirs: [cacheDir], requireWhenSourceMaps: false }),
      /top-level failure/,
    );
    assert.equal(globals.__compileCacheRuns, 1);
    assert.equal(createRequire(bundle).cache[bundle], undefined);
    assert.deepEqual(cacheFiles(), []);
  });
});
