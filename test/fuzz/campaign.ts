import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Corpus } from './corpus';
import { FuzzFailure, FuzzServer, GIANT_BOUNDS, ORDINARY_BOUNDS, RSS_BOUND_MB } from './driver';
import { mutate } from './mutations';
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
    msByMethod: new Map(),
    errorResponses: new Map(),
    loggedErrors: new Map(),
  };
  const started = performance.now();
  const server = await FuzzServer.start(corpus.folders);
  try {
    // A cold server loads its parsers and warms its caches on the first requests; the bounds
    // are for a running server, so one unmutated note goes through first, unbounded.
    const warmUp = corpus.notes[0];
    await server.show(warmUp.uri, warmUp.text);
    const warmUpPlan = {
      ...makePlan(warmUp.text, caseRandom(seed, -1)),
      requests: [...REQUEST_KINDS],
    };
    await server.exercise(warmUp.uri, warmUpPlan, WARM_UP_BOUNDS);
    await server.closeAll();
    const cpuAfterWarmUp = server.cpuMs() ?? 0;
    const from = options.from ?? 0;
    for (let index = from; index < from + cases; index++) {
      const random = caseRandom(seed, index);
      const source = random.pick(corpus.notes);
      const mutated = mutate(source.text, random);
      const plan = makePlan(mutated.text, random);
      const bounds = mutated.giant ? GIANT_BOUNDS : ORDINARY_BOUNDS;
      try {
        const cpuStart = server.cpuMs();
        await server.show(source.uri, mutated.text);
        const outcome = await server.exercise(source.uri, plan, bounds, { cpuStart });
        report.requests += outcome.requests;
        report.slowestMs = Math.max(report.slowestMs, outcome.slowestMs);
        outcome.errors.forEach((error) => count(report.errorResponses, error));
        for (const [method, ms] of outcome.msByMethod)
          report.msByMethod.set(method, (report.msByMethod.get(method) ?? 0) + ms);
        const peak = server.peakRssMb();
        if (peak !== undefined && peak > RSS_BOUND_MB) {
          throw new FuzzFailure(
            'memory',
            `peak resident memory ${Math.round(peak)} MB > ${RSS_BOUND_MB} MB`,
          );
        }
      } catch (error) {
        if (!(error instanceof FuzzFailure)) throw error;
        const name = `seed-${seed}-case-${index}`;
        const files = saveRegression(
          options.regressionsDir ?? REGRESSIONS_DIR,
          name,
          mutated.text,
          {
            seed,
            caseIndex: index,
            steps: mutated.steps,
            failure: `${error.kind}: ${error.message}`,
            plan,
          },
        );
        report.failure = {
          seed,
          caseIndex: index,
          kind: error.kind,
          message: error.message,
          steps: mutated.steps,
          source: path.basename(source.path),
          files,
        };
        break;
      } finally {
        report.cases = index + 1 - from;
        if (mutated.giant) report.giantCases++;
      }
      server.loggedErrors
        .splice(0)
        .forEach((line) => count(report.loggedErrors, line.split('\n')[0].slice(0, 200)));
      if (options.onProgress && report.cases % (options.progressEvery ?? 500) === 0) {
        report.seconds = (performance.now() - started) / 1000;
        options.onProgress(report.cases, report);
      }
    }
    report.peakRssMb = server.peakRssMb();
    report.serverCpuSeconds = ((server.cpuMs() ?? 0) - cpuAfterWarmUp) / 1000;
  } finally {
    report.seconds = (performance.now() - started) / 1000;
    if (report.failure) server.kill();
    else await server.stop().catch(() => server.kill());
  }
  return report;
}

/** The lines a run prints: what ran, how fast, what the server refused, and any failure. */
export function describeReport(report: CampaignReport): string[] {
  const lines = [
    `fuzz: corpus ${report.corpus}`,
    `fuzz: seed ${report.seed}, ${report.cases} cases (${report.giantCases} giant), ${report.requests} requests in ${report.seconds.toFixed(1)} s` +
      ` (${(report.cases / report.seconds).toFixed(0)} cases/s; server CPU ${report.serverCpuSeconds.toFixed(1)} s); slowest request ${Math.round(report.slowestMs)} ms;` +
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
