import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LspClient, repoRoot } from '../../test/support/lspClient';

/**
 * Makes sure the V8 code cache of the built server bundle exists before anything is measured, as
 * after any earlier session of the same build (docs/architecture.md, "Startup"). The server writes
 * it 3 s after it starts; a first open shuts its server down sooner, so right after a build the
 * first measured session would otherwise compile the bundle from source. Starts the server on an
 * empty folder and waits (with a deadline) for the file; returns whether one had to be written.
 */
export async function warmServerCodeCache(emptyFolder: string): Promise<'present' | 'written'> {
  const present = () => codeCacheExists(path.join(repoRoot, 'dist', 'server-bundle.js'));
  if (present()) return 'present';
  mkdirSync(emptyFolder, { recursive: true });
  const client = await LspClient.start({ workspaceFolders: [emptyFolder] });
  try {
    const deadline = performance.now() + 30_000;
    while (!present()) {
      if (performance.now() > deadline) throw new Error('the server wrote no code cache in 30 s');
      await delay(100);
    }
  } finally {
    await client.stop();
  }
  return 'written';
}

/**
 * The same for `attack-notes check`, which loads dist/cli.js through a code cache that the first
 * check after a build writes as it exits (server/loader/checkMain.ts): one check of the sample
 * vault, so that no measured check is the first of its build.
 */
export function warmCheckCodeCache(): 'present' | 'written' {
  const present = () => codeCacheExists(path.join(repoRoot, 'dist', 'cli.js'));
  if (present()) return 'present';
  const check = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'bin', 'attack-notes.js'), 'check', 'vault', '--format', 'json'],
    { cwd: path.join(repoRoot, 'examples'), encoding: 'utf8' },
  );
  if (check.status !== 0 && check.status !== 1) {
    throw new Error(`attack-notes check failed: ${check.stderr.split('\n')[0]}`);
  }
  if (!present()) throw new Error('the first check wrote no code cache');
  return 'written';
}

/**
 * Whether a V8 code cache of this build of `bundle` exists where the loaders keep it
 * (server/loader/compileCache.ts): beside the bundle, else in the temp folder; its name carries
 * the bundle's name and the hash of its bytes.
 */
function codeCacheExists(bundle: string): boolean {
  const hash = createHash('sha1').update(readFileSync(bundle)).digest('hex').slice(0, 12);
  const prefix = `${path.basename(bundle, '.js')}-${hash}-`;
  return [path.dirname(bundle), path.join(os.tmpdir(), 'attack-notes-compile-cache')].some(
    (folder) => {
      try {
        return readdirSync(folder).some(
          (name) => name.startsWith(prefix) && name.endsWith('.cache'),
        );
      } catch {
        return false;
      }
    },
  );
}
