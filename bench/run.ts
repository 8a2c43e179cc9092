/**
 * `npm run bench`: ATT&CK Notes measured side by side with its peers, through the real protocol
 * and the real command line, on vaults of 1×, 2×, 4× and 10× the enterprise vault.
 * `npm run bench:ci` is the short version (1× and 2×, fewer runs, peers at 1× only) that CI runs.
 * Both check every target that applies to the scales they measure: the start-up and `check` as
 * ratios to the floor process of the same run, latencies, memory, growth. The full run fails on
 * any of them; `bench:ci` reports missed floor ratios without failing until issue 17 meets them
 * (`--enforce-floor-ratios` makes them count there too). Absolute start-up times are printed for
 * the record only. See docs/performance.md.
 *
 * Options: --ci, --scales=1,2,4,10, --runs=N, --peer-runs=N, --edits=N, --requests=N,
 * --tolerance=X (multiplies every absolute target: latencies, memory), --keep (leave the vaults
 * in the temp folder), --update-docs (put the tables into docs/performance.md between their
 * bench:table and bench:startup markers), --enforce-floor-ratios (with --ci).
 * Exits 1 when a target is missed, growth is worse than linear, a probe fails, or (full run only)
 * a row cannot be measured.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LspClient, repoRoot, sharedRoot } from '../test/support/lspClient';
import { measureFirstOpen, measureServer } from './probes/attackNotesServer';
import {
  timeCatalogLoad,
  timeCheck,
  timeMarkdownlint,
  timeReadEveryFile,
} from './probes/commandLine';
import { measureMarkdownServer } from './probes/markdownServer';
import { warmCheckCodeCache, warmServerCodeCache } from './support/codeCache';
import { killRunningProcesses, repeat, timeProcess } from './support/measure';
import { buildReport, renderTable } from './support/report';
import { replaceBetweenMarkers } from './support/docMarkers';
import { renderStartupTable } from './support/startupReport';
import type { BenchResults, ScaleResult } from './support/results';
import { buildScaledVault, type ScaledVault } from './support/vaults';

interface Options {
  ci: boolean;
  scales: number[];
  runs: number;
  /** Runs of the slow peers (markdownlint-cli2, the Markdown server) at 1×; once above. */
  peerRuns: number;
  /** Scales the peers run at. */
  peerScales: number[];
  edits: number;
  requests: number;
  tolerance: number;
  keep: boolean;
  updateDocs: boolean;
  /** Fail a `--ci` run on missed floor ratios too (the full run always does). */
  enforceFloorRatios: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const ci = argv.includes('--ci');
  const scales = (value('scales') ?? (ci ? '1,2' : '1,2,4,10')).split(',').map(Number);
  return {
    ci,
    scales,
    runs: Number(value('runs') ?? (ci ? 2 : 3)),
    peerRuns: Number(value('peer-runs') ?? (ci ? 1 : 3)),
    peerScales: ci ? [scales[0]] : scales,
    edits: Number(value('edits') ?? (ci ? 60 : 200)),
    requests: Number(value('requests') ?? (ci ? 30 : 200)),
    tolerance: Number(value('tolerance') ?? 1),
    keep: argv.includes('--keep'),
    updateDocs: argv.includes('--update-docs'),
    enforceFloorRatios: argv.includes('--enforce-floor-ratios'),
  };
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs a probe; a failure is recorded under `key` instead of ending the whole run. */
async function attempt<T>(
  unavailable: Record<string, string>,
  key: string,
  probe: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await probe();
  } catch (error) {
    unavailable[key] ??= errorText(error).split('\n')[0];
    log(`${key}: ${errorText(error)}`);
    return undefined;
  }
}

async function measureScale(
  vault: ScaledVault,
  options: Options,
  cacheRoot: string,
): Promise<ScaleResult> {
  const result: ScaleResult = {
    scale: vault.scale,
    notes: vault.notes,
    bytes: vault.bytes,
    firstOpen: [],
    firstOpenCli: [],
    server: [],
    check: [],
    markdownlint: [],
    markdownServer: [],
    floor: [],
    unavailable: {},
  };
  const push = <T>(list: T[], value: T | undefined) => value !== undefined && list.push(value);
  // Large vaults take long per run; three runs still give a median.
  const runs = vault.scale >= 4 ? Math.min(options.runs, 3) : options.runs;
  // Interleaved, so a burst of load on the machine spreads over all tools alike.
  for (let run = 0; run < runs; run++) {
    log(`${vault.scale}×: run ${run + 1}/${runs}`);
    push(
      result.floor,
      await attempt(result.unavailable, 'floor', () => timeReadEveryFile(vault.root)),
    );
    // The vault opened for the first time (an empty cache folder), then reopened and worked in
    // with the index cache the first session left behind, as a VS Code window is reopened.
    const indexCacheDirectory = path.join(cacheRoot, `x${vault.scale}-run${run}`);
    rmSync(indexCacheDirectory, { recursive: true, force: true });
    push(
      result.firstOpen,
      await attempt(result.unavailable, 'server', () =>
        measureFirstOpen(vault, indexCacheDirectory),
      ),
    );
    // Started as Neovim, Helix and Emacs start it; a cache folder of its own, so also a first open.
    const cliCacheDirectory = `${indexCacheDirectory}-cli`;
    rmSync(cliCacheDirectory, { recursive: true, force: true });
    push(
      result.firstOpenCli,
      await attempt(result.unavailable, 'serverCli', () =>
        measureFirstOpen(vault, cliCacheDirectory, 'cli'),
      ),
    );
    push(
      result.server,
      await attempt(result.unavailable, 'server', () =>
        measureServer(vault, { ...options, indexCacheDirectory }),
      ),
    );
    if (!result.unavailable.check) {
      push(
        result.check,
        await attempt(result.unavailable, 'check', () => timeCheck(vault.root, run === 0)),
      );
    }
  }
  if (options.peerScales.includes(vault.scale)) {
    const peerRuns =
      vault.scale === options.scales[0] ? options.peerRuns : Math.min(1, options.peerRuns);
    await repeat(peerRuns, async (run) => {
      log(`${vault.scale}×: peers, run ${run + 1}/${peerRuns}`);
      push(
        result.markdownlint,
        await attempt(result.unavailable, 'markdownlint', () => timeMarkdownlint(vault.root)),
      );
      push(
        result.markdownServer,
        await attempt(result.unavailable, 'markdownServer', () => measureMarkdownServer(vault)),
      );
    });
  }
  return result;
}

/** bench/parse-notes.ts in its own process: parsing every note, JIT warm, wall and CPU time. */
async function timeParse(root: string): Promise<{ fastMs: number; fastCpuMs?: number }> {
  const script = path.join(repoRoot, 'bench', 'parse-notes.ts');
  const result = await timeProcess(
    process.execPath,
    ['--import', 'tsx', script, root, '5', '--json'],
    {
      cwd: repoRoot,
      timeoutMs: 120_000,
      keepOutput: true,
    },
  );
  const last = result.stdout.trim().split('\n').pop() ?? '';
  if (result.code !== 0 || !last.startsWith('{')) {
    throw new Error(`bench/parse-notes.ts printed no result: ${result.stderr || result.stdout}`);
  }
  return JSON.parse(last) as { fastMs: number; fastCpuMs?: number };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const source = path.join(sharedRoot, 'vaults', 'enterprise');
  const temp = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-bench-'));
  const cleanUp = () => {
    LspClient.killAll();
    killRunningProcesses();
    if (!options.keep) rmSync(temp, { recursive: true, force: true });
  };
  process.once('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }

  log(`mode ${options.ci ? 'ci' : 'full'}, scales ${options.scales.join(', ')}, vaults in ${temp}`);
  const unavailable: Record<string, string> = {};
  const results: BenchResults = {
    date: new Date().toISOString(),
    mode: options.ci ? 'ci' : 'full',
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg()[0],
    },
    scales: [],
    catalogLoadMs: [],
    unavailable,
  };

  const codeCache = await attempt(unavailable, 'codeCache', () =>
    warmServerCodeCache(path.join(temp, 'empty')),
  );
  if (codeCache) log(`server code cache: ${codeCache}`);
  const checkCache = await attempt(unavailable, 'checkCodeCache', async () => warmCheckCodeCache());
  if (checkCache) log(`check code cache: ${checkCache}`);

  for (let run = 0; run < options.runs; run++) {
    const cold = await attempt(unavailable, 'catalog', timeCatalogLoad);
    if (cold !== undefined) results.catalogLoadMs.push(cold);
  }

  for (const scale of options.scales) {
    const vault = buildScaledVault(source, path.join(temp, `x${scale}`), scale);
    log(`${scale}×: ${vault.notes} notes, ${(vault.bytes / 1e6).toFixed(1)} MB`);
    if (scale === options.scales[0]) {
      const parse = await attempt(unavailable, 'parse', () => timeParse(vault.root));
      if (parse) [results.parseMs, results.parseCpuMs] = [parse.fastMs, parse.fastCpuMs];
    }
    results.scales.push(await measureScale(vault, options, path.join(temp, 'index-caches')));
    // A finished scale's vault is no longer needed; 10× is 40 MB of notes.
    if (!options.keep) rmSync(vault.root, { recursive: true, force: true });
  }

  // The machine is shared: the load during the run says how far to trust its wall times.
  results.machine.loadAverageAtEnd = os.loadavg()[0];
  const report = buildReport(results, {
    tolerance: options.tolerance,
    // bench:ci reports the start-up and `check` ratios of issue 17 until they are met, so that CI
    // keeps checking growth, latencies and memory; the full run fails on them.
    enforceFloorRatios: !options.ci || options.enforceFloorRatios,
  });
  const table = renderTable(results, report);
  console.log(`\n${table}\n`);
  const startup = renderStartupTable(results);
  if (startup)
    console.log(`Where the start-up time goes (the server's own trace, medians):\n\n${startup}\n`);
  const folder = path.join(repoRoot, 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const stamp = results.date.replace(/[:.]/g, '-');
  const json = JSON.stringify({ ...results, report, table, startup }, null, 2);
  writeFileSync(path.join(folder, `${results.mode}-${stamp}.json`), json);
  writeFileSync(path.join(folder, `latest-${results.mode}.json`), json);

  if (options.updateDocs) updateDocs(table, startup, results);

  for (const line of report.missing) console.log(`not measured: ${line}`);
  for (const line of report.reported) console.log(`MISSED (reported, not enforced): ${line}`);
  for (const line of report.missed) console.log(`FAILED: ${line}`);
  for (const line of report.failures) console.log(`FAILED: ${line}`);
  // A command that does not exist yet leaves its rows empty; any other probe failure is a failure.
  const probeFailures = [unavailable, ...results.scales.map((s) => s.unavailable)]
    .flatMap((reasons) => Object.entries(reasons))
    .filter(([, why]) => !/unknown command/.test(why));
  for (const [key, why] of probeFailures) console.log(`FAILED: ${key}: ${why}`);
  const missingFails = !options.ci && report.missing.length > 0;
  const ok =
    report.failures.length === 0 &&
    report.missed.length === 0 &&
    !missingFails &&
    probeFailures.length === 0;
  const reportedNote =
    report.reported.length > 0
      ? `; ${report.reported.length} floor ratio(s) missed, reported without failing (issue 17)`
      : '';
  const verdict = ok
    ? `bench: every enforced target met${reportedNote}`
    : `bench: ${report.missed.length} target(s) missed, ${report.failures.length} other failure(s), ` +
      `${report.missing.length} row(s) not measured, ${probeFailures.length} probe(s) failed`;
  console.log(verdict);
  return ok ? 0 : 1;
}

/**
 * Replaces the table between the bench:table markers in docs/performance.md, with the date and
 * machine, and the start-up breakdown between the bench:startup markers.
 */
function updateDocs(table: string, startup: string | undefined, results: BenchResults): void {
  const file = path.join(repoRoot, 'docs', 'performance.md');
  const { cpus, cpuModel, memoryGb, node, loadAverage, loadAverageAtEnd } = results.machine;
  const load = [loadAverage, loadAverageAtEnd ?? loadAverage].map((v) => v.toFixed(1)).join(' → ');
  const caption =
    `Measured ${results.date.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` ` +
    `(${results.mode} run) on ${cpus} × ${cpuModel}, ${memoryGb} GB, Node ${node}; ` +
    `1-minute load average ${load}.`;
  let text = replaceBetweenMarkers(readFileSync(file, 'utf8'), 'table', `${caption}\n\n${table}`);
  if (startup) text = replaceBetweenMarkers(text, 'startup', `From the same run.\n\n${startup}`);
  writeFileSync(file, text);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`bench: ${errorText(error)}`);
    process.exitCode = 2;
  },
);
