// Real VS Code without a download: code-server@4.100.3 (VS Code 1.100.3, the last release that runs
// on Node 20) comes from the npm registry. Shared by the offline test runner and `npm start`.
// Recipe: /work/shared/docs/vscode-offline.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// ATTACK_NOTES_CODE_SERVER_DIR moves the install, e.g. into a folder a CI system caches.
const cacheDir = path.resolve(
  process.env.ATTACK_NOTES_CODE_SERVER_DIR ?? path.join(repoRoot, '.vscode-test', 'code-server'),
);
const entry = path.join(cacheDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
// Written last, so an interrupted install is redone instead of half-used.
const marker = path.join(cacheDir, `.installed-${CODE_SERVER_VERSION}`);

function sh(args, cwd, env = {}) {
  console.log(`[code-server] (${path.relative(repoRoot, cwd) || '.'}) npm ${args.join(' ')}`);
  const result = spawnSync('npm', args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    // npm_config_yes: rebuild may ask to confirm; CI has no stdin.
    env: { ...process.env, npm_config_yes: 'true', npm_config_fund: 'false', ...env },
  });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${cwd}`);
}

function findOnPath(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Installs code-server into .vscode-test/code-server once; later calls return at once. */
export function ensureCodeServer() {
  if (existsSync(marker) && existsSync(entry)) return entry;
  const rg = findOnPath('rg');
  if (!rg) throw new Error('ripgrep is missing: apt-get install -y ripgrep libkrb5-dev chromium');
  const started = Date.now();
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  // Without its own package.json npm would walk up and install into the repository itself.
  writeFileSync(
    path.join(cacheDir, 'package.json'),
    JSON.stringify({ name: 'code-server-cache', private: true }),
  );
  // Scripts off: the postinstall downloads things this machine cannot reach; we do its work below.
  sh(['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-audit'], cacheDir);
  const vscodeDir = path.join(cacheDir, 'node_modules', 'code-server', 'lib', 'vscode');
  sh(['install', '--omit=dev', '--ignore-scripts', '--no-audit'], vscodeDir);
  sh(
    [
      'rebuild',
      'kerberos',
      '@vscode/spdlog',
      'node-pty',
      'native-watchdog',
      '@parcel/watcher',
      '@vscode/deviceid',
    ],
    vscodeDir,
  );
  // @vscode/ripgrep would download its binary; Debian's rg is the same program.
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync(rg, path.join(rgDir, 'rg'));
  // The server looks for its modules under node_modules.asar (the desktop build packs them).
  const asar = path.join(vscodeDir, 'node_modules.asar');
  rmSync(asar, { force: true });
  symlinkSync('node_modules', asar);
  sh(
    ['install', '--omit=dev', '--ignore-scripts', '--no-audit'],
    path.join(vscodeDir, 'extensions'),
  );
  sh(['rebuild', 'argon2'], cacheDir);
  const version = spawnSync(process.execPath, [entry, '--version'], { encoding: 'utf8' });
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(
      `code-server does not start after install:\n${version.stdout}${version.stderr}`,
    );
  }
  writeFileSync(marker, version.stdout);
  console.log(`[code-server] installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return entry;
}

/**
 * A port nobody listens on now: `preferred` when it is free (bookmarks keep working), else one the
 * OS picks (parallel runs do not collide).
 */
export async function freePort(preferred = 0) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(undefined));
      probe.listen(port, '127.0.0.1', () => {
        const { port: bound } = probe.address();
        probe.close(() => resolve(bound));
      });
    });
  return (preferred ? await tryListen(preferred) : undefined) ?? (await tryListen(0));
}

/**
 * Starts code-server on loopback and resolves once it listens. `quiet` keeps its log out of the
 * console unless it fails to start (test runs want only the test output).
 */
export async function startCodeServer({
  workspace,
  extensionsDir,
  userDataDir,
  port,
  quiet = false,
  timeoutMs = 60_000,
  env = process.env,
  workspaceTrust = false,
}) {
  const entryFile = ensureCodeServer();
  const chosenPort = port ?? (await freePort());
  const args = [
    entryFile,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    // Workspace trust is off unless a run tests it (test/vscode/run-restricted.mjs): otherwise
    // every run would open in Restricted Mode or wait on the trust prompt.
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    userDataDir,
    workspace,
  ];
  // detached: its own process group, so stop() also ends the extension host and the server it spawns.
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const onData = (chunk) => {
    log += chunk;
    if (quiet) return;
    for (const line of String(chunk).split('\n')) if (line) console.log(`[code-server] ${line}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('code-server did not start in time')), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      stop();
      reject(new Error(`${error.message}\n${log}`));
    };
    child.once('exit', (code) => fail(new Error(`code-server exited with ${code}`)));
    const check = () => {
      if (!log.includes('HTTP server listening')) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      child.stderr.off('data', check);
      child.removeAllListeners('exit');
      resolve();
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
  });
  function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }
  // log(): everything code-server printed so far, for a runner to show when a run fails.
  return {
    url: `http://127.0.0.1:${chosenPort}`,
    port: chosenPort,
    process: child,
    stop,
    log: () => log,
  };
}

/** The workbench URL that opens `folder`, with VS Code's launch options passed as `payload`. */
export function workbenchUrl(server, folder, payload = []) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const entries = payload.map(([key, value]) => [
    key,
    key.endsWith('Path') ? remote(value) : value,
  ]);
  const query = new URLSearchParams({ folder });
  if (entries.length > 0) query.set('payload', JSON.stringify(entries));
  return `${server.url}/?${query}`;
}

/**
 * Launches Debian's Chromium headless through playwright-core. `launchServer` (not `launch`)
 * because it exposes the browser's process, which `stop()` kills: a graceful close once took a
 * minute here.
 */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const server = await chromium.launchServer({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const browser = await chromium.connect(server.wsEndpoint());
  const child = server.process();
  const stop = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  };
  return { browser, stop };
}
