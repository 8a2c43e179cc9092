// Entry point of dist/server.js: a small loader that runs the real language server bundle
// (dist/server-bundle.js, from server/src/lsp/main.ts) through a V8 code cache, which roughly halves
// the time Node spends loading it (docs/architecture.md, "Startup"). The cache lives beside the
// bundle, or in the temp folder when the extension folder is read-only.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markStartup } from '../src/lsp/startupMarks';
import { loadWithCompileCache } from './compileCache';
import { limitHeapGrowth } from './heapGrowth';

// Node has started: the start-up trace counts the time to here as Node's own (startupMarks.ts).
markStartup('loader');

// Before the bundle is compiled: V8's code cache records the flags it was made under.
limitHeapGrowth();

loadWithCompileCache({
  bundle: join(__dirname, 'server-bundle.js'),
  cacheDirs: [__dirname, join(tmpdir(), 'attack-notes-compile-cache')],
  parent: module,
  // After the first initialize and index of a typical vault; the write takes ~10 ms.
  writeDelayMs: 3000,
});
