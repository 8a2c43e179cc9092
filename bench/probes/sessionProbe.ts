/**
 * One reopened session of the built server on a scaled vault, for finding where time and memory
 * go: `npx tsx bench/probes/sessionProbe.ts [scale] [--keep-vault=DIR] [--node-flag=...]
 * [--server=other/dist/server.js] [--heap-snapshot]`.
 * It indexes the vault once (leaving the summary cache), then reopens it, asks for references on
 * the bench's link (first and p95 of the next 30) and for the enterprise coverage (first answer,
 * complete), and prints the server's peak resident memory. Node flags (`--cpu-prof`,
 * `--heapsnapshot-signal=SIGUSR2`) pass to the server process.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReferencesRequest } from 'vscode-languageserver-protocol';
import {
  COVERAGE_CHANGED_NOTIFICATION,
  COVERAGE_REQUEST,
  type CoverageResult,
} from '../../server/src/lsp/protocol/coverageRequest';
import { LspClient, repoRoot, sharedRoot } from '../../test/support/lspClient';
import { cpuTimeMs, peakResidentMb, percentiles } from '../support/measure';
import { scenario } from '../support/scenario';
import { buildScaledVault, type ScaledVault } from '../support/vaults';

const args = process.argv.slice(2);
const option = (name: string) =>
  args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const scale = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 10);
const nodeFlags = args.filter((arg) => arg.startsWith('--node-flag=')).map((arg) => arg.slice(12));
// Another build to compare with (a worktree of an older commit): its dist/server.js.
const serverScript = option('server') ?? path.join(repoRoot, 'dist', 'server.js');

function vaultAt(root: string): ScaledVault {
  const source = path.join(sharedRoot, 'vaults', 'enterprise');
  if (existsSync(path.join(root, `copy${scale}`))) {
    return {
      scale,
      root,
      notes: 0,
      bytes: 0,
      copyFolder: (k) => path.join(root, `copy${k}`),
    };
  }
  return buildScaledVault(source, root, scale);
}

async function session(vault: ScaledVault, cacheDirectory: string, work: boolean) {
  const started = performance.now();
  const client = await LspClient.start({
    workspaceFolders: [vault.root],
    settings: { attackNotes: { diagnostics: { delay: 0 } } },
    initializationOptions: { indexCacheDirectory: cacheDirectory },
    command: [process.execPath, ...nodeFlags, serverScript, '--stdio'],
    initializeTimeoutMs: 30000,
  });
  const { notes } = await client.waitForIndex(10 * 60_000);
  const indexMs = performance.now() - started;
  const report: Record<string, unknown> = { notes, indexMs: Math.round(indexMs) };
  report.indexCpuMs = client.pid ? cpuTimeMs(client.pid) : undefined;
  if (work) {
    const scene = scenario(vault);
    await client.open(scene.large.uri, scene.large.text);
    const params = {
      textDocument: { uri: scene.large.uri },
      position: scene.linkAt,
      context: { includeDeclaration: true },
    };
    await client.waitForDiagnostics(scene.large.uri, () => true, 60_000);
    // Typing first, as the bench's session does before it asks for references (60 edits, as
    // bench:ci types): the server's idle-time work gets the turns it would get there.
    for (let n = 1; n <= 60; n++) {
      const published = client.waitForDiagnostics(scene.large.uri, (p) => p.version === n + 1);
      await client.change(scene.large.uri, scene.typed(n));
      await published;
    }
    const cpu = () => (client.pid ? (cpuTimeMs(client.pid) ?? 0) : 0);
    const times: number[] = [];
    let results = 0;
    let cpuBefore = cpu();
    for (let i = 0; i < 31; i++) {
      const sent = performance.now();
      const found = await client.request<unknown[]>(ReferencesRequest.method, params, 60_000);
      times.push(performance.now() - sent);
      results = found.length;
      if (i === 0) {
        report.referencesFirstCpuMs = Math.round(cpu() - cpuBefore);
        cpuBefore = cpu();
      }
    }
    report.referencesLaterCpuMs = Math.round((cpu() - cpuBefore) / 30);
    report.referencesFirstMs = Math.round(times[0]);
    report.referencesLater = percentiles(times.slice(1));
    report.references = results;
    report.rssAfterReferencesMb = client.pid ? peakResidentMb(client.pid) : undefined;
    const domain = { domain: 'enterprise' };
    cpuBefore = cpu();
    const sent = performance.now();
    const changed = client.waitForNext(COVERAGE_CHANGED_NOTIFICATION, () => true, 10 * 60_000);
    const first = await client.request<CoverageResult>(COVERAGE_REQUEST, domain, 10 * 60_000);
    report.coverageFirstMs = Math.round(performance.now() - sent);
    report.coverageFirstCpuMs = Math.round(cpu() - cpuBefore);
    report.coverageKb = Math.round(JSON.stringify(first).length / 1024);
    report.rssAfterCoverageAnswerMb = client.pid ? peakResidentMb(client.pid) : undefined;
    if (first.summary.pendingNotes !== undefined) await changed;
    await client.request<CoverageResult>(COVERAGE_REQUEST, domain, 60_000);
    report.coverageCompleteMs = Math.round(performance.now() - sent);
  }
  report.peakMb = client.pid ? peakResidentMb(client.pid) : undefined;
  if (work && args.includes('--heap-snapshot') && client.pid) await heapSnapshot(client.pid);
  await client.stop();
  return report;
}

/**
 * Asks the server (started with `--heapsnapshot-signal=SIGUSR2`) for a heap snapshot and waits
 * until the file is written into the working folder.
 */
async function heapSnapshot(pid: number): Promise<void> {
  const before = new Set(readdirSync('.'));
  process.kill(pid, 'SIGUSR2');
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const made = readdirSync('.').find(
      (name) => name.endsWith('.heapsnapshot') && !before.has(name),
    );
    // V8 writes the file in one go; a size that holds still for a moment means it is done.
    if (made) {
      const size = statSync(made).size;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (size > 0 && statSync(made).size === size) {
        console.log(`heap snapshot: ${made}`);
        return;
      }
    } else await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no heap snapshot within two minutes');
}

async function main() {
  const keep = option('keep-vault');
  const root = keep ?? mkdtempSync(path.join(os.tmpdir(), 'attack-notes-probe-'));
  const vault = vaultAt(root);
  const cache = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-probe-cache-'));
  try {
    const first = await session(vault, cache, false);
    console.log('first open', JSON.stringify(first));
    const reopen = await session(vault, cache, true);
    console.log('reopen and work', JSON.stringify(reopen));
    // The measure: the first coverage answer against the cold index (first open), in
    // wall time and, steadier on a shared machine, in the server's CPU time.
    const ratio = (a: unknown, b: unknown) => Number(((a as number) / (b as number)).toFixed(3));
    console.log(
      'coverage ÷ cold index',
      JSON.stringify({
        wall: ratio(reopen.coverageFirstMs, first.indexMs),
        cpu: ratio(reopen.coverageFirstCpuMs, first.indexCpuMs),
      }),
    );
  } finally {
    rmSync(cache, { recursive: true, force: true });
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
