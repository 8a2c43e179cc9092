// Entry point of dist/check-start.js: `attack-notes check` loads the CLI bundle (dist/cli.js)
// through a V8 code cache, as dist/server.js loads the server (compileCache.ts). A check runs
// once and exits, so the cache is written as it exits: it then holds the code of every function
// the check ran, not only the bundle's top level, and the next check neither parses the
// bundle nor compiles those functions again. bin/attack-notes.js sends `check` here (not `--help`).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWithCompileCache } from './compileCache';

loadWithCompileCache({
  bundle: join(__dirname, 'cli.js'),
  cacheDirs: [__dirname, join(tmpdir(), 'attack-notes-compile-cache')],
  parent: module,
  // A check that ran exits with 0 (clean) or 1 (findings); bad usage or an unreadable path (2)
  // compiled little of the check, and a cache of that would be kept until the next build.
  writeOnExit: () => process.exitCode === 0 || process.exitCode === 1,
});
