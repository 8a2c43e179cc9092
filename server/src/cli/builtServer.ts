// In the bundled CLI (dist/cli.js) this module stands in for '../lsp/server' (scripts/build.mjs):
// the language server is a bundle of its own, started by dist/server.js beside the CLI (through
// its code cache; the server reads the transport from the command line). Left out of dist/cli.js,
// the server's 0.6 MB is neither parsed nor cached by every `attack-notes check`.
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function startServer(): void {
  createRequire(__filename)(join(__dirname, 'server.js'));
}
