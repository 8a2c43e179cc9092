// `npm start`: VS Code in the browser (code-server, installed on first use, no download beyond npm)
// with this extension loaded from the working tree and the sample vault open.
//   npm start                      examples/vault on http://127.0.0.1:8080 (or a free port)
//   npm start -- --port 9000 DIR   another port, another vault
// Ctrl-C stops code-server together with the extension host and the language server.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ensureCodeServer,
  freePort,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from './code-server.mjs';

const { values, positionals } = parseArgs({
  options: { port: { type: 'string' } },
  allowPositionals: true,
});
const workspace = path.resolve(positionals[0] ?? path.join(repoRoot, 'examples', 'vault'));

// Kept between runs, so a person's layout and settings survive a restart.
const home = path.join(repoRoot, '.vscode-test', 'start');
const extensionsDir = path.join(home, 'extensions');
mkdirSync(extensionsDir, { recursive: true });
// code-server loads every extension folder it finds in --extensions-dir; a link named like an
// installed copy makes it load the working tree itself, so a rebuild and a window reload suffice.
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const prefix = `${manifest.publisher}.${manifest.name}-`;
for (const entry of readdirSync(extensionsDir)) {
  if (entry.startsWith(prefix)) rmSync(path.join(extensionsDir, entry), { force: true });
}
symlinkSync(repoRoot, path.join(extensionsDir, `${prefix}${manifest.version}`));

// First start only: open on the vault, not on code-server's welcome walkthrough, and do not offer
// to open the repository that happens to contain examples/vault. Later edits by a person stay.
const userSettings = path.join(home, 'user-data', 'User', 'settings.json');
if (!existsSync(userSettings)) {
  mkdirSync(path.dirname(userSettings), { recursive: true });
  writeFileSync(
    userSettings,
    JSON.stringify(
      { 'workbench.startupEditor': 'none', 'git.openRepositoryInParentFolders': 'never' },
      null,
      2,
    ),
  );
}

ensureCodeServer();
const port = values.port ? Number(values.port) : await freePort(8080);
const server = await startCodeServer({
  workspace,
  extensionsDir,
  userDataDir: path.join(home, 'user-data'),
  port,
});
console.log(`\nATT&CK Notes in VS Code: ${workbenchUrl(server, workspace)}\nCtrl-C to stop.\n`);

const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.process.on('exit', (code) => {
  console.log(`code-server exited (${code})`);
  process.exit(code ?? 1);
});
