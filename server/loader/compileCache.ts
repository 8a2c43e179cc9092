// Loads a CommonJS bundle through a V8 code cache: Node 20 has no module.enableCompileCache (that
// is Node 22), and compiling the 1.3 MB server bundle is most of its cold start. The first run
// compiles normally and, once startup is over, writes V8's code cache for the script; later runs
// hand it back to V8 and skip most of the parsing and compiling.
//
// Never at the cost of starting: any failure to read, check, compile or write the cache falls back
// to a plain require. An exception thrown by the bundle's own top-level code is re-thrown, as
// require would; running the bundle a second time could start two servers.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import * as vm from 'node:vm';

/** Cache file: MAGIC, then the SHA-1 of the payload, then V8's code cache (the payload). */
const MAGIC = Buffer.from('ANCC1\n', 'latin1');
const DIGEST_BYTES = 20;

export type LoadStatus =
  /** Compiled with the cached code that V8 accepted. */
  | 'cached'
  /** No usable cache file (missing or corrupt): compiled from source, a cache will be written. */
  | 'compiled'
  /** V8 rejected the cache (another V8 or flags): compiled from source, the cache is rewritten. */
  | 'rejected'
  /** The cache is not used (source maps enabled, or a failure): loaded with plain require. */
  | 'required';

export interface LoadOptions {
  /** Absolute path of the CommonJS bundle to load. */
  bundle: string;
  /** Directories for the cache file, in order: it is read from the first that has one and
   *  written to the first that accepts it. */
  cacheDirs: readonly string[];
  /** The loading module, the bundle's `module.parent`. */
  parent?: Module;
  /** Milliseconds after loading before the cache is written (an unref'd timer), so startup work
   *  is not delayed and the functions it compiled are in the cache. Negative: never write. */
  writeDelayMs?: number;
  /** Instead of a timer: write the cache as the process exits (the `exit` event, which also
   *  follows process.exit()) when this says the run was worth caching. For a command-line run,
   *  whose functions are then all compiled and go into the cache with the top-level code. */
  writeOnExit?: () => boolean;
  /** Load with plain require when Node maps stack traces through source maps
   *  (`--enable-source-maps`), which it does only for scripts its own loader compiled. Default true. */
  requireWhenSourceMaps?: boolean;
  /** Called with what happened when writing the cache ended (tests; errors are never thrown). */
  onWritten?: (result: { file: string } | { error: unknown }) => void;
}

export interface LoadResult {
  status: LoadStatus;
  /** The bundle's module.exports. */
  exports: unknown;
  /** The cache file read or to be written, when the cache is used. */
  cacheFile?: string;
  /** Why the cache was not used, when status is 'required'. */
  reason?: unknown;
}

/** What require would set for a module's own `module.require`; not a public API. */
interface ModuleInternals {
  _nodeModulePaths?: (dir: string) => string[];
}

const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';

/**
 * The cache file name for a bundle: its own name, a hash of its bytes (a rebuilt bundle never
 * meets an old cache, which V8 would accept if only the length matched) and a hash of the runtime
 * (another Node, Electron, V8, architecture or flags gets its own file instead of fighting over one).
 */
export function cacheFileName(bundle: string, source: Buffer): string {
  const bundleHash = createHash('sha1').update(source).digest('hex').slice(0, 12);
  const runtime = [
    process.versions.v8,
    process.versions.node,
    process.versions.electron ?? '',
    process.arch,
    process.platform,
    process.execArgv.join(' '),
    process.env.NODE_OPTIONS ?? '',
  ].join('\0');
  const runtimeHash = createHash('sha1').update(runtime).digest('hex').slice(0, 8);
  return `${basename(bundle, '.js')}-${bundleHash}-${runtimeHash}.cache`;
}

/** The payload of a cache file, or undefined when it is not one of ours or is damaged. */
export function decodeCacheFile(data: Buffer): Buffer | undefined {
  const head = MAGIC.length + DIGEST_BYTES;
  if (data.length <= head || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = data.subarray(head);
  const digest = createHash('sha1').update(payload).digest();
  return digest.equals(data.subarray(MAGIC.length, head)) ? payload : undefined;
}

export function encodeCacheFile(payload: Buffer): Buffer {
  return Buffer.concat([MAGIC, createHash('sha1').update(payload).digest(), payload]);
}

export function loadWithCompileCache(options: LoadOptions): LoadResult {
  const { bundle } = options;
  if ((options.requireWhenSourceMaps ?? true) && process.sourceMapsEnabled)
    return plainRequire(bundle, 'source maps are enabled');

  let script: vm.Script;
  let source: Buffer;
  let name: string;
  let cacheFile: string | undefined;
  let cachedData: Buffer | undefined;
  try {
    source = readFileSync(bundle);
    name = cacheFileName(bundle, source);
    for (const dir of options.cacheDirs) {
      const file = join(dir, name);
      let data: Buffer;
      try {
        data = readFileSync(file);
      } catch {
        continue;
      }
      cacheFile = file;
      cachedData = decodeCacheFile(data);
      break;
    }
    script = new vm.Script(WRAPPER_HEAD + source.toString('utf8') + WRAPPER_TAIL, {
      filename: bundle,
      cachedData,
      // import() in the bundle resolves as in a module Node loaded (older Node and Electron
      // lack the constant, and import() is then refused, as the bundle makes none).
      importModuleDynamically: (vm.constants as Partial<typeof vm.constants> | undefined)
        ?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
  } catch (error) {
    return plainRequire(bundle, error);
  }

  const status: LoadStatus =
    cachedData === undefined ? 'compiled' : script.cachedDataRejected ? 'rejected' : 'cached';

  let mod: Module;
  let wrapper: (...args: unknown[]) => void;
  try {
    mod = new Module(bundle, options.parent);
    mod.filename = bundle;
    mod.paths = (Module as unknown as ModuleInternals)._nodeModulePaths?.(dirname(bundle)) ?? [];
    // Evaluates the function expression only; none of the bundle's code runs yet.
    wrapper = script.runInThisContext({ displayErrors: true }) as typeof wrapper;
    if (typeof wrapper !== 'function') throw new TypeError('the wrapped bundle is not a function');
  } catch (error) {
    return plainRequire(bundle, error);
  }
  const moduleCache = createRequire(bundle).cache;
  moduleCache[bundle] = mod;
  try {
    wrapper.call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, dirname(bundle));
  } catch (error) {
    delete moduleCache[bundle];
    throw error;
  }
  mod.loaded = true;

  const write = () => {
    let result: { file: string } | { error: unknown };
    try {
      result = { file: writeCache(script, name, options.cacheDirs) };
    } catch (error) {
      result = { error };
    }
    options.onWritten?.(result);
  };
  const worthWriting = options.writeOnExit;
  if (status !== 'cached' && worthWriting) {
    process.once('exit', () => {
      if (worthWriting()) write();
    });
  } else if (status !== 'cached' && (options.writeDelayMs ?? 0) >= 0) {
    const timer = setTimeout(write, options.writeDelayMs ?? 0);
    timer.unref();
  }
  return {
    status,
    exports: mod.exports,
    cacheFile: cacheFile ?? join(options.cacheDirs[0] ?? '', name),
  };
}

function plainRequire(bundle: string, reason: unknown): LoadResult {
  return { status: 'required', exports: createRequire(bundle)(bundle), reason };
}

/**
 * Writes the script's code cache under `name` in the first directory that takes it, through a
 * temporary file and a rename, so a reader (another server starting) sees the old file or the new
 * one, never half of one. Removes caches of other builds of the same bundle from that directory.
 * Returns the file written; throws when no directory took it.
 */
function writeCache(script: vm.Script, name: string, dirs: readonly string[]): string {
  const data = encodeCacheFile(script.createCachedData());
  let lastError: unknown = new Error('no cache directory');
  for (const dir of dirs) {
    const file = join(dir, name);
    const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(temp, data);
      renameSync(temp, file);
    } catch (error) {
      lastError = error;
      try {
        unlinkSync(temp);
      } catch {
        // never written
      }
      continue;
    }
    removeStaleCaches(dir, name);
    return file;
  }
  throw lastError;
}

/** `server-bundle-<bundle hash>-<runtime hash>.cache`: drops the files of other bundle hashes. */
function removeStaleCaches(dir: string, name: string): void {
  const match = /^(.*)-([0-9a-f]{12})-[0-9a-f]{8}\.cache$/.exec(name);
  if (!match) return;
  const [, stem, bundleHash] = match;
  try {
    for (const entry of readdirSync(dir)) {
      const other = /^(.*)-([0-9a-f]{12})-[0-9a-f]{8}\.cache$/.exec(entry);
      if (other && other[1] === stem && other[2] !== bundleHash) {
        try {
          unlinkSync(join(dir, entry));
        } catch {
          // another server removed it, or it is not ours to remove
        }
      }
    }
  } catch {
    // the directory cannot be listed: stale files stay
  }
}
