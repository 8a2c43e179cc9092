// Bundles the client, the language server and the CLI with esbuild, so the packaged extension
// ships three self-contained files (plus the ATT&CK catalog) and no node_modules.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// The preview's unified pipeline (remark, rehype, parse5) is a bundle of its own, required by the
// server on the first preview only: every other bundle that reaches it gets, in its place, a small
// module that loads `preview-pipeline.js` beside itself through the V8 code cache
// (server/loader/previewPipeline.ts), so the server's startup never loads it.
const PREVIEW_PIPELINE = 'server/src/core/features/preview/htmlPipeline.ts';
/** @type {import('esbuild').Plugin} */
const previewPipelineApart = {
  name: 'preview-pipeline-apart',
  setup(build) {
    build.onResolve({ filter: /\/htmlPipeline$/ }, (args) =>
      args.kind === 'entry-point'
        ? undefined
        : { path: path.resolve('server/loader/previewPipeline.ts') },
    );
  },
};

// The CLI starts the language server (`attack-notes lsp`) from dist/server.js instead of carrying
// a copy of it: dist/cli.js is then half the size to parse (or to load from its code cache) on
// every `attack-notes check` (server/src/cli/builtServer.ts).
/** @type {import('esbuild').Plugin} */
const serverApart = {
  name: 'server-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lsp\/server$/ }, (args) =>
      args.importer.endsWith(path.join('server', 'src', 'cli', 'cli.ts'))
        ? { path: path.resolve('server/src/cli/builtServer.ts') }
        : undefined,
    );
  },
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [previewPipelineApart],
};

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // dist/server.js is a small loader that runs the server bundle through a V8 code cache
  // (server/loader/); the client, the tests and other editors start dist/server.js.
  { entryPoints: ['server/loader/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server-bundle.js' },
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    plugins: [previewPipelineApart, serverApart],
  },
  // `attack-notes check` loads dist/cli.js through a V8 code cache written as a check exits.
  { entryPoints: ['server/loader/checkMain.ts'], outfile: 'dist/check-start.js' },
  { entryPoints: [PREVIEW_PIPELINE], outfile: 'dist/preview-pipeline.js' },
  // `attack-notes check` parses and checks half of a vault on a worker thread.
  { entryPoints: ['server/src/cli/check/worker.ts'], outfile: 'dist/check-worker.js' },
  // The preview webview's script runs in the browser, loaded by the panel's page (nonce only).
  {
    entryPoints: ['media/preview/preview.ts'],
    outfile: 'dist/preview/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
  // The coverage matrix webview's script, likewise.
  {
    entryPoints: ['media/coverage/matrix.ts'],
    outfile: 'dist/coverage/matrix.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];
// The real-VS-Code test suite runs inside the extension host; mocha stays external and is found in
// the repository's node_modules, since the extension under test is the repository itself.
// Not part of a production (packaged) build.
if (!production) {
  builds.push({
    entryPoints: ['test/vscode/suite/index.ts'],
    outfile: 'dist/test/vscode/index.js',
    external: ['vscode', 'mocha'],
  });
  // The suite run in Restricted Mode, an untrusted folder (test/vscode/run-restricted.mjs).
  builds.push({
    entryPoints: ['test/vscode/restricted/index.ts'],
    outfile: 'dist/test/vscode-restricted/index.js',
    external: ['vscode', 'mocha'],
  });
  // The suite run against the extension installed from the .vsix (test/vsix/run-vsix.mjs).
  builds.push({
    entryPoints: ['test/vsix/index.ts'],
    outfile: 'dist/test/vsix/index.js',
    external: ['vscode', 'mocha'],
  });
}

mkdirSync('dist', { recursive: true });
// The catalog is read at run time beside the bundles (parsing JSON is faster than evaluating it).
if (existsSync('server/data')) cpSync('server/data', 'dist/data', { recursive: true });
// The preview's style sheet, beside its script (the webview may load only dist/ and the workspace).
mkdirSync('dist/preview', { recursive: true });
cpSync('media/preview/preview.css', 'dist/preview/preview.css');
mkdirSync('dist/coverage', { recursive: true });
cpSync('media/coverage/matrix.css', 'dist/coverage/matrix.css');

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] esbuild is watching client/ and server/');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
