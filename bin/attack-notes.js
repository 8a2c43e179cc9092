#!/usr/bin/env node
// Thin launcher: the CLI itself is bundled into dist/cli.js by `npm run build`.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const dist = path.join(__dirname, '..', 'dist');

// `attack-notes lsp --stdio` (how Neovim, Helix and Emacs start the server) starts as VS Code
// does: dist/server.js loads the server bundle through its V8 code cache, and the rest of the CLI
// is never loaded. The server reads the transport from the command line itself. Anything else
// (`lsp` without a transport, `lsp --help`) goes to the CLI, which explains.
const [command, ...rest] = process.argv.slice(2);
const transport = (arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket');
const server = path.join(dist, 'server.js');
if (
  command === 'lsp' &&
  rest.some(transport) &&
  !rest.some((arg) => arg === '--help' || arg === '-h') &&
  fs.existsSync(server)
) {
  require(server);
} else {
  const cli = path.join(dist, 'cli.js');
  if (!fs.existsSync(cli)) {
    console.error('attack-notes: dist/cli.js is missing; run `npm run build` first.');
    process.exit(2);
  }
  // `check` loads the CLI through a V8 code cache of the functions a check runs (written by the
  // first check after a build); `--help` would write a cache of little, so it is left out.
  const checkStart = path.join(dist, 'check-start.js');
  const help = rest.some((arg) => arg === '--help' || arg === '-h');
  require(command === 'check' && !help && fs.existsSync(checkStart) ? checkStart : cli);
}
