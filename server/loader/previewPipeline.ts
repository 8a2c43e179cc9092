// The preview's unified pipeline in the built server: dist/preview-pipeline.js (from
// server/src/core/features/preview/htmlPipeline.ts), loaded through the same V8 code cache as the
// server bundle (docs/architecture.md, "Startup"), which shortens the first preview of a session.
// scripts/build.mjs hands this module to the core's `require('./htmlPipeline')`, so it runs on the
// first preview only.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as HtmlPipeline from '../src/core/features/preview/htmlPipeline';
import { loadWithCompileCache } from './compileCache';

const pipeline = loadWithCompileCache({
  bundle: join(__dirname, 'preview-pipeline.js'),
  cacheDirs: [__dirname, join(tmpdir(), 'attack-notes-compile-cache')],
  // After the first previews, whose functions are then in the cache too.
  writeDelayMs: 3000,
}).exports as typeof HtmlPipeline;

export const { markdownToSafeTree, treeToHtml } = pipeline;
