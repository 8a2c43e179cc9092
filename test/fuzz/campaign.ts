import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Corpus } from './corpus';
import {
  FuzzFailure,
  FuzzServer,
  GIANT_BOUNDS,
  ORDINARY_BOUNDS,
  RSS_BOUND_MB,
  type CaseOutcome,
} from './driver';
import { excerpt, mutate } from './mutations';
import { REQUEST_KINDS } from './driver';
import { makePlan, type CasePlan } from './plan';
import { caseRandom } from './random';

/** The first, cold requests may load parsers and the ATT&CK catalog. */
const WARM_UP_BOUNDS = { cpuMs: 60000, wallMs: 120000 };

export const REGRESSIONS_DIR = path.join(__dirname, 'regressions');

export interface CampaignOptions {
  seed: number;
  cases: number;
  /** The first case index (a failure's index reruns that case alone). */
  from?: number;
  corpus: Corpus;
  /** Where a failing input is written (test/fuzz/regressions by default). */
  regressionsDir?: string;
  /** Mutate whole notes instead of excerpts of long ones (slower; see `excerpt`). */
  wholeNotes?: boolean;
  /** Servers run side by side (2 by default). */
  lanes?: number;
  /** Called every `progressEvery` cases. */
  onProgress?: (done: number, report: CampaignReport) => void;
  progressEvery?: number;
}

export interface CampaignFailure {
  seed: number;
  caseIndex: number;
  kind: FuzzFailure['kind'];
  message: string;
  steps: string[];
  source: string;
  /** The input and plan written for the regression test. */
  files: string[];
}

export interface CampaignReport {
  corpus: string;
  seed: number;
  cases: number;
  giantCases: number;
  requests: number;
  seconds: number;
  peakRssMb: number | undefined;
  slowestMs: number;
  /** Server CPU time over the cases (after the warm-up), in seconds. */
  serverCpuSeconds: number;
  /** This process's CPU time over the cases (building inputs, JSON-RPC), in seconds. */
  clientCpuSeconds: number;
  msByMethod: Map<string, number>;
  /** Distinct error responses (allowed) and error-level server logs, with counts. */
  errorResponses: Map<string, number>;
  loggedErrors: Map<string, number>;
  failure?: CampaignFailure;
}

/** A regression's saved case: the input beside it (`<name>.md`) and the requests it sent. */
export interface RegressionPlan {
  seed?: number;
  caseIndex?: number;
  steps?: string[];
  failure?: string;
  plan: CasePlan;
}

/** Counts a message, its quoted names and numbers blanked so that alike messages group. */
function count(map: Map<string, number>, message: string): void {
  const key = message.replace(/"[^"]*"|“[^”]*”|\b[A-Z]{1,3}\d{4}(?:\.\d{3})?\b/g, '…');
  map.set(key, (map.get(key) ?? 0) + 1);
}

function mostFrequent(map: Map<string, number>, what: string, shown = 6): string[] {
  const sorted = [...map].sort((a, b) => b[1] - a[1]);
  const lines = sorted
    .slice(0, shown)
    .map(([message, times]) => `fuzz: ${what} ×${times}: ${message}`);
  if (sorted.length > shown)
    lines.push(`fuzz: … and ${sorted.length - shown} more kinds of ${what}`);
  return lines;
}

/** Writes a failing case where the regression test replays it; returns the files written. */
export function saveRegression(
  dir: string,
  name: string,
  text: string,
  regression: RegressionPlan,
): string[] {
  mkdirSync(dir, { recursive: true });
  const input = path.join(dir, `${name}.md`);
  const plan = path.join(dir, `${name}.json`);
  writeFileSync(input, text);
  writeFileSync(plan, `${JSON.stringify(regression, null, 2)}\n`);
  return [input, plan];
}

/**
 * Runs `cases` seeded cases through one server. Stops at the first crash, hang or memory blow-up,
 * saves that case as a regression and reports it with the seed and the case index.
 */
export async function runCampaign(options: CampaignOptions): Promise<CampaignReport> {
  const { seed, cases, corpus } = options;
  const report: CampaignReport = {
    corpus: corpus.name,
    seed,
    cases: 0,
    giantCases: 0,
    requests: 0,
    seconds: 0,
    peakRssMb: undefined,
    slowestMs: 0,
    serverCpuSeconds: 0,
    clientCpuSeconds: 0,
    msByMethod: new Map(),
    errorResponses: new Map(),
    loggedErrors: new Map(),
  };
  const started = performance.now();
  const from = options.from ?? 0;
  const laneCount = Math.max(1, Math.min(options.lanes ?? DEFAULT_LANES, cases));
  const servers = await Promise.all(
    Array.from({ length: laneCount }, () => FuzzServer.start(corpus.folders)),
  );
  let clientCpuStart = process.cpuUsage();
  const cpuAfterWarmUp: number[] = [];
  try {
    // A cold server loads its parsers and warms its caches on the first requests; the bounds
    // are for a running server, so one unmutated note goes through first, unbounded.
    await Promise.all(servers.map((server) => warmUp(server, corpus, seed)));
    servers.forEach((server, lane) => (cpuAfterWarmUp[lane] = server.cpuMs() ?? 0));
    clientCpuStart = process.cpuUsage();
    let next = from;
    const runLane = async (server: FuzzServer): Promise<void> => {
      while (!report.failure && next < from + cases) {
        const index = next++;
        const outcome = await runCase(server, options, index);
        report.cases++;
        if (outcome.giant) report.giantCases++;
        if ('failure' in outcome) {
          report.failure ??= outcome.failure;
          // The other lanes stop at once: their servers' pending answers fail, not hang.
          servers.forEach((other) => other.kill());
          return;
        }
        report.requests += outcome.requests;
        report.slowestMs = Math.max(report.slowestMs, outcome.slowestMs);
        outcome.errors.forEach((error) => count(report.errorResponses, error));
        for (const [method, ms] of outcome.msByMethod)
          report.msByMethod.set(method, (report.msByMethod.get(method) ?? 0) + ms);
        server.loggedErrors
          .splice(0)
          .forEach((line) => count(report.loggedErrors, line.split('\n')[0].slice(0, 200)));
        if (options.onProgress && report.cases % (options.progressEvery ?? 500) === 0) {
          report.seconds = (performance.now() - started) / 1000;
          options.onProgress(report.cases, report);
        }
      }
    };
    await Promise.all(servers.map(runLane));
    const peaks = servers.map((server) => server.peakRssMb() ?? 0);
    report.peakRssMb = Math.max(...peaks);
    report.serverCpuSeconds =
      servers.reduce((sum, server, lane) => sum + (server.cpuMs() ?? 0) - cpuAfterWarmUp[lane], 0) /
      1000;
    const clientCpu = process.cpuUsage(clientCpuStart);
    report.clientCpuSeconds = (clientCpu.user + clientCpu.system) / 1e6;
  } finally {
    report.seconds = (performance.now() - started) / 1000;
    await Promise.all(
      servers.map((server) =>
        report.failure ? server.kill() : server.stop().catch(() => server.kill()),
      ),
    );
  }
  return report;
}

/** Servers run side by side, each taking the next case when done: the machine has 2 cores. */
const DEFAULT_LANES = 2;

async function warmUp(server: FuzzServer, corpus: Corpus, seed: number): Promise<void> {
  const note = corpus.notes[0];
  await server.show(note.uri, note.text);
  const plan = { ...makePlan(note.text, caseRandom(seed, -1)), requests: [...REQUEST_KINDS] };
  await server.exercise(note.uri, plan, WARM_UP_BOUNDS);
  await server.closeAll();
}

type CaseResult = (CaseOutcome | { failure: CampaignFailure }) & { giant: boolean };

/** Builds case `index` of the seed, sends it, and on a failure keeps its input. */
async function runCase(
  server: FuzzServer,
  options: CampaignOptions,
  index: number,
): Promise<CaseResult> {
  const { seed, corpus } = options;
  const random = caseRandom(seed, index);
  const source = random.pick(corpus.notes);
  const mutated = mutate(options.wholeNotes ? source.text : excerpt(source.text, random), random);
  const plan = makePlan(mutated.text, random);
  const bounds = mutated.giant ? GIANT_BOUNDS : ORDINARY_BOUNDS;
  try {
    const cpuStart = server.cpuMs();
    await server.show(source.uri, mutated.text);
    const outcome = await server.exercise(source.uri, plan, bounds, { cpuStart });
    const peak = server.peakRssMb();
    if (peak !== undefined && peak > RSS_BOUND_MB) {
      throw new FuzzFailure(
        'memory',
        `peak resident memory ${Math.round(peak)} MB > ${RSS_BOUND_MB} MB`,
      );
    }
    return { ...outcome, giant: mutated.giant };
  } catch (thrown) {
    // Writing to a server that has died fails outside the requests' own checks.
    const error =
      !(thrown instanceof FuzzFailure) && server.exitReason
        ? new FuzzFailure('crash', `${server.exitReason}: ${String(thrown)}`)
        : thrown;
    if (!(error instanceof FuzzFailure)) throw error;
    const name = `seed-${seed}-case-${index}`;
    const files = saveRegression(options.regressionsDir ?? REGRESSIONS_DIR, name, mutated.text, {
      seed,
      caseIndex: index,
      steps: mutated.steps,
      failure: `${error.kind}: ${error.message}`,
      plan,
    });
    return {
      giant: mutated.giant,
      failure: {
        seed,
        caseIndex: index,
        kind: error.kind,
        message: error.message,
        steps: mutated.steps,
        source: path.basename(source.path),
        files,
      },
    };
  }
}

/** The lines a run prints: what ran, how fast, what the server refused, and any failure. */
export function describeReport(report: CampaignReport): string[] {
  const lines = [
    `fuzz: corpus ${report.corpus}`,
    `fuzz: seed ${report.seed}, ${report.cases} cases (${report.giantCases} giant), ${report.requests} requests in ${report.seconds.toFixed(1)} s` +
      ` (${(report.cases / report.seconds).toFixed(0)} cases/s; CPU ${report.serverCpuSeconds.toFixed(1)} s server, ${report.clientCpuSeconds.toFixed(1)} s client); slowest request ${Math.round(report.slowestMs)} ms;` +
      ` server peak RSS ${report.peakRssMb === undefined ? 'unknown' : `${Math.round(report.peakRssMb)} MB`}` +
      ` (bounds per case: ${ORDINARY_BOUNDS.cpuMs} ms of server CPU, ${GIANT_BOUNDS.cpuMs} ms giant; ${RSS_BOUND_MB} MB peak RSS)`,
  ];
  lines.push(...mostFrequent(report.errorResponses, 'error response (allowed)'));
  lines.push(...mostFrequent(report.loggedErrors, 'server logged an error'));
  const failure = report.failure;
  if (failure) {
    lines.push(
      `fuzz: FAILED at seed ${failure.seed}, case ${failure.caseIndex} (${failure.kind}): ${failure.message}`,
      `fuzz: mutations ${failure.steps.join(' → ')} of ${failure.source}`,
      `fuzz: input kept as ${failure.files.map((file) => path.relative(process.cwd(), file)).join(' and ')}`,
      `fuzz: rerun it alone with: npm run fuzz -- --seed ${failure.seed} --from ${failure.caseIndex} --cases 1`,
    );
  }
  return lines;
}
