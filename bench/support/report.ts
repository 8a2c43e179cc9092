import { median, type Percentiles } from './measure';
import type { BenchResults, ScaleResult } from './results';

/** One line of the table: a value per scale, the growth, a target and whether it holds. */
export interface Row {
  label: string;
  cells: string[];
  growth?: string;
  target?: string;
  status: 'pass' | 'FAIL' | 'missing' | '';
}

export interface Report {
  rows: Row[];
  /** Targets missed: ratios to the floor, latencies, memory (every run fails on them). */
  missed: string[];
  /**
   * Floor-ratio targets missed in a run that reports them without failing (`bench:ci`, while
   * issue 17's start-up targets are not met yet; `npm run bench` always fails on them).
   */
  reported: string[];
  /** Growth worse than linear and broken sanity checks: every run fails on them. */
  failures: string[];
  /** Rows that could not be measured (a feature or command that does not exist yet). */
  missing: string[];
}

export interface Targets {
  /** Multiplies every absolute target (latency, memory); 1 for the real targets. */
  tolerance: number;
  /** Whether a missed floor ratio fails the run (true) or is only reported (false). */
  enforceFloorRatios: boolean;
}

/**
 * The targets held to the floor of the same run (issue 17): a server or `check` ÷ a node process
 * that only reads every note, medians over the runs. The machine's load moves both alike, so a
 * ratio holds where an absolute time flips with the load. Absolute times are printed only.
 */
export const FLOOR_RATIO_TARGETS = {
  firstOpen921: 1.5,
  firstOpen9210: 2.0,
  reopen921: 1.3,
  check921: 3.5,
} as const;

const ms = (value: number | undefined): string =>
  value === undefined
    ? '–'
    : value >= 10000
      ? `${(value / 1000).toFixed(1)} s`
      : value >= 10
        ? `${Math.round(value)} ms`
        : `${value.toFixed(1)} ms`;
const mb = (value: number | undefined): string =>
  value === undefined ? '–' : `${Math.round(value)} MB`;
const ratio = (value: number): string =>
  value >= 10 ? `${Math.round(value)}×` : `${value.toFixed(2)}×`;

/** Median over runs of one number taken from each run; undefined when no run has it. */
function med<T>(runs: readonly T[], pick: (run: T) => number | undefined): number | undefined {
  const values = runs.map(pick).filter((v): v is number => v !== undefined);
  return values.length ? median(values) : undefined;
}

function triple(runs: readonly (Percentiles | undefined)[]): [number, number, number] | undefined {
  const present = runs.filter((p): p is Percentiles => p !== undefined);
  if (!present.length) return undefined;
  return [
    median(present.map((p) => p.p50)),
    median(present.map((p) => p.p95)),
    median(present.map((p) => p.p99)),
  ];
}

/**
 * Builds the table from the raw runs and checks every target. A target names the scale it is
 * about (921 or 9,210 notes); latency targets are checked at the largest scale that was run, so a
 * short run checks the same bounds on a smaller vault.
 */
export function buildReport(results: BenchResults, targets: Targets): Report {
  const scales = results.scales;
  const first = scales[0];
  const last = scales[scales.length - 1];
  const largest = last.scale;
  const rows: Row[] = [];
  const missed: string[] = [];
  const reported: string[] = [];
  const failures: string[] = [];
  const missing: string[] = [];
  const limit = (value: number) => value * targets.tolerance;

  const check = (
    label: string,
    value: number | undefined,
    bound: number,
    unit = 'ms',
    missedInto: string[] = missed,
  ): Row['status'] => {
    if (value === undefined) return 'missing';
    const ratioBound = unit === '×';
    // Ratios are held as stated; only absolute bounds take the tolerance.
    const allowed = ratioBound ? bound : limit(bound);
    if (value <= allowed) return 'pass';
    const digits = ratioBound ? 2 : 1;
    missedInto.push(
      `${label}: ${value.toFixed(digits)}${ratioBound ? '×' : ` ${unit}`} > ${allowed.toFixed(digits)}${ratioBound ? '×' : ` ${unit}`}`,
    );
    return 'FAIL';
  };

  /** Growth from the first scale to the last; fails when worse than linear (+20%). */
  const growth = (label: string, values: (number | undefined)[], guarded: boolean) => {
    const [a, b] = [values[0], values[values.length - 1]];
    if (a === undefined || b === undefined || scales.length < 2) return {};
    const factor = b / a;
    const allowed = 1.2 * (largest / first.scale);
    let status: Row['status'] = '';
    if (guarded) {
      status = factor <= allowed ? 'pass' : 'FAIL';
      if (status === 'FAIL')
        failures.push(
          `${label}: grew ${ratio(factor)} from ${first.scale}× to ${largest}× notes (allowed ${ratio(allowed)})`,
        );
    }
    return { growth: ratio(factor), status };
  };

  const perScale = <T>(pick: (scale: ScaleResult) => T) => scales.map(pick);
  const reason = (key: string) =>
    scales.map((s) => s.unavailable[key]).find((r) => r !== undefined) ?? results.unavailable[key];
  const noteMissing = (label: string, key: string) => {
    const why = reason(key) ?? 'not measured';
    missing.push(`${label}: ${why}`);
    return why;
  };

  // --- ATT&CK Notes language server
  // First open: no index cache, every note read. Reopen: the cache the first open left behind.
  const index = perScale((s) => med(s.firstOpen, (r) => r.indexMs));
  const reopenIndex = perScale((s) => med(s.server, (r) => r.indexMs));
  // Absolute start-up times are printed for the record; their targets are the ratios to the floor
  // below, and their growth.
  const coldIndexRow = (label: string, values: (number | undefined)[], key = 'server') => {
    const g = growth(label, values, true);
    if (values.every((v) => v === undefined)) noteMissing(label, key);
    rows.push({
      label,
      cells: values.map(ms),
      growth: g.growth,
      target: 'growth ≤ linear',
      status: values.every((v) => v === undefined) ? 'missing' : (g.status ?? ''),
    });
  };
  coldIndexRow(
    'ATT&CK Notes: cold index, first open (initialize → indexReady, no index cache)',
    index,
  );
  const cliIndex = perScale((s) => med(s.firstOpenCli, (r) => r.indexMs));
  coldIndexRow(
    'ATT&CK Notes: cold index, first open through `attack-notes lsp --stdio` (as Neovim, Helix, Emacs start it)',
    cliIndex,
    'serverCli',
  );
  coldIndexRow(
    'ATT&CK Notes: cold index, reopen (initialize → indexReady, index cache of the first open)',
    reopenIndex,
  );
  // A reopen that read the notes again measured nothing new: the cache must have served them all.
  for (const scale of scales) {
    for (const run of scale.server) {
      if (run.fromCache !== run.notes)
        failures.push(
          `reopen at ${scale.scale}×: ${run.fromCache ?? 'no'} of ${run.notes} notes came from the index cache`,
        );
    }
  }
  const pair = (a: number | undefined, b: number | undefined, unit = ms) =>
    a === undefined && b === undefined ? '–' : `${unit(a)} / ${unit(b)}`;
  rows.push({
    label: 'ATT&CK Notes: CPU time of the server up to the complete index, first open / reopen',
    cells: perScale((s) =>
      pair(
        med(s.firstOpen, (r) => r.indexCpuMs),
        med(s.server, (r) => r.indexCpuMs),
      ),
    ),
    status: '',
  });
  rows.push({
    label: 'ATT&CK Notes: of which indexing notes (server log), first open / reopen',
    cells: perScale((s) =>
      pair(
        med(s.firstOpen, (r) => r.serverIndexMs),
        med(s.server, (r) => r.serverIndexMs),
      ),
    ),
    status: '',
  });
  {
    const label = 'ATT&CK Notes: peak resident memory (VmHWM), first open / reopen and work';
    const firstPeak = perScale((s) => med(s.firstOpen, (r) => r.peakMb));
    const workPeak = perScale((s) => med(s.server, (r) => r.peakMb));
    const peak = scales.map((_, i) =>
      firstPeak[i] === undefined && workPeak[i] === undefined
        ? undefined
        : Math.max(firstPeak[i] ?? 0, workPeak[i] ?? 0),
    );
    // The target is the reopen-and-work session's, the larger of the two.
    const at10 = scales.some((s) => s.scale === 10) ? workPeak[workPeak.length - 1] : undefined;
    rows.push({
      label,
      cells: scales.map((_, i) => pair(firstPeak[i], workPeak[i], mb)),
      growth: growth(label, peak, false).growth,
      target: 'reopen and work ≤ 250 MB (9,210)',
      status:
        at10 === undefined ? '' : check(`${label}, reopen and work, 9,210 notes`, at10, 250, 'MB'),
    });
  }
  rows.push({
    label: 'ATT&CK Notes: first diagnostics of a note opened after the index',
    cells: perScale((s) => ms(med(s.server, (r) => r.firstDiagnosticsMs))),
    status: '',
  });

  const latency = (
    label: string,
    pick: (run: ScaleResult['server'][number]) => Percentiles | undefined,
    bound: number | undefined,
    capability: string,
    /** A bound on the first request of the session too. */
    firstBound?: number,
  ) => {
    const values = perScale((s) => triple(s.server.map(pick)));
    const firsts = perScale((s) =>
      med(s.server, (r) => (pick(r) as { firstMs?: number })?.firstMs),
    );
    const lastValue = values[values.length - 1];
    let status: Row['status'] = '';
    if (!lastValue) {
      status = 'missing';
      const why = last.server.length
        ? `the server does not offer ${capability} yet`
        : (reason('server') ?? 'not measured');
      missing.push(`${label}: ${why}`);
    } else if (bound !== undefined) {
      status = check(`${label} p95, ${last.notes} notes`, lastValue[1], bound);
      const first = firsts[firsts.length - 1];
      if (firstBound !== undefined) {
        const firstStatus = check(
          `${label}, first request, ${last.notes} notes`,
          first,
          firstBound,
        );
        status = combine([status, firstStatus]);
      }
    }
    rows.push({
      label: `${label} p50 / p95 / p99`,
      // The first request of a session, when it pays for more than the slowest later one.
      cells: values.map((v, i) => {
        if (!v) return '–';
        const first = firsts[i];
        return (
          v.map(ms).join(' / ') +
          (first !== undefined && first > v[2] ? ` (first ${ms(first)})` : '')
        );
      }),
      target:
        bound === undefined
          ? undefined
          : `p95 ≤ ${bound} ms` +
            (firstBound === undefined ? '' : `, first ≤ ${firstBound} ms`) +
            ' (9,210)',
      status,
    });
  };
  latency('ATT&CK Notes: keystroke → publishDiagnostics', (r) => r.keystroke, 30, 'diagnostics');
  latency(
    'ATT&CK Notes: completion in a Mitigations table',
    (r) => r.completion,
    15,
    'completionProvider',
  );
  latency('ATT&CK Notes: definition', (r) => r.definition, 10, 'definitionProvider');
  latency('ATT&CK Notes: references', (r) => r.references, 20, 'referencesProvider', 200);
  {
    // Issue 16: computing coverage for the 9,210-note vault takes at most a tenth of its cold index
    // (first open). Checked at that scale only, as the target is stated; smaller vaults print their
    // figures (at 921 notes a tenth of the index is ~27 ms, inside one request's noise).
    const label =
      'ATT&CK Notes: coverage of the enterprise matrix (attackNotes/coverage), first answer / complete (every finding) / again';
    const firsts = perScale((s) => med(s.server, (r) => r.coverage?.firstMs));
    const completes = perScale((s) => med(s.server, (r) => r.coverage?.completeMs));
    const agains = perScale((s) => med(s.server, (r) => r.coverage?.againMs));
    const statuses = scales.map((s, i) => {
      const bound = index[i];
      if (firsts[i] === undefined || bound === undefined) return 'missing' as const;
      if (s.scale !== 10) return '' as const;
      return check(`${label}, first answer, ${s.notes} notes`, firsts[i], bound / 10);
    });
    if (firsts.every((v) => v === undefined)) noteMissing(label, 'server');
    rows.push({
      label,
      cells: scales.map((_, i) =>
        firsts[i] === undefined ? '–' : [firsts[i], completes[i], agains[i]].map(ms).join(' / '),
      ),
      growth: growth(label, firsts, false).growth,
      target: 'first answer ≤ 0.1× the cold index (first open) at 9,210 notes',
      status: combine(statuses),
    });
  }

  // --- Command line, against markdownlint-cli2 and the floor
  const checkMs = perScale((s) => med(s.check, (r) => r.ms));
  const lintMs = perScale((s) => med(s.markdownlint, (r) => r.ms));
  {
    const label = '`attack-notes check` (wall, process start to exit)';
    const g = growth(label, checkMs, true);
    if (checkMs.every((v) => v === undefined)) noteMissing(label, 'check');
    rows.push({
      label,
      cells: checkMs.map(ms),
      growth: g.growth,
      target: 'growth ≤ linear',
      status: checkMs.every((v) => v === undefined) ? 'missing' : (g.status ?? ''),
    });
  }
  rows.push({
    label: 'markdownlint-cli2 (wall)',
    cells: lintMs.map(ms),
    growth: growth('markdownlint-cli2', lintMs, false).growth,
    status: lintMs.every((v) => v === undefined)
      ? noteMissingStatus(noteMissing('markdownlint-cli2', 'markdownlint'))
      : '',
  });
  {
    const label = '`check` ÷ markdownlint-cli2';
    const ratios = scales.map((_, i) =>
      checkMs[i] !== undefined && lintMs[i] !== undefined ? checkMs[i]! / lintMs[i]! : undefined,
    );
    const status = first.scale === 1 ? check(`${label}, 921 notes`, ratios[0], 0.2, '×') : '';
    rows.push({
      label,
      cells: ratios.map((r) => (r === undefined ? '–' : ratio(r))),
      target: '≤ 0.2× (921)',
      status,
    });
  }
  const floorProcess = perScale((s) => med(s.floor, (r) => r.processMs));
  const floorRead = perScale((s) => med(s.floor, (r) => r.readMs));
  rows.push({
    label: 'floor: a node process that reads every note (wall)',
    cells: floorProcess.map(ms),
    growth: growth('floor', floorProcess, false).growth,
    status: '',
  });
  rows.push({
    label: 'floor: reading every note (inside that process)',
    cells: floorRead.map(ms),
    growth: growth('floor read', floorRead, false).growth,
    status: '',
  });
  rows.push({
    label: 'floor: CPU time of that process (Node’s start included)',
    cells: perScale((s) => ms(med(s.floor, (r) => r.cpuMs))),
    status: '',
  });
  {
    const ratios = (values: (number | undefined)[]) =>
      scales.map((_, i) =>
        values[i] !== undefined && floorProcess[i] ? values[i]! / floorProcess[i]! : undefined,
      );
    const at = (values: (number | undefined)[], scale: number) =>
      values[scales.findIndex((s) => s.scale === scale)];
    const floorRow = (
      label: string,
      values: (number | undefined)[],
      bounds: { scale: number; bound: number }[],
    ) => {
      const r = ratios(values);
      const measured = bounds.filter(({ scale }) => scales.some((s) => s.scale === scale));
      const statuses = measured.map(({ scale, bound }) =>
        check(
          `${label}, ${(scale * 921).toLocaleString('en-US')} notes`,
          at(r, scale),
          bound,
          '×',
          targets.enforceFloorRatios ? missed : reported,
        ),
      );
      rows.push({
        label,
        cells: r.map((v) => (v === undefined ? '–' : ratio(v))),
        target: bounds
          .map(({ scale, bound }) => `≤ ${bound}× (${(scale * 921).toLocaleString('en-US')})`)
          .join(', '),
        status: combine(statuses),
      });
    };
    const t = FLOOR_RATIO_TARGETS;
    floorRow(
      'cold index, first open ÷ floor process (node dist/server.js, as VS Code starts it)',
      index,
      [
        { scale: 1, bound: t.firstOpen921 },
        { scale: 10, bound: t.firstOpen9210 },
      ],
    );
    floorRow('cold index, first open ÷ floor process (`attack-notes lsp --stdio`)', cliIndex, [
      { scale: 1, bound: t.firstOpen921 },
    ]);
    floorRow('cold index, reopen with index cache ÷ floor process', reopenIndex, [
      { scale: 1, bound: t.reopen921 },
    ]);
    floorRow('`attack-notes check` ÷ floor process', checkMs, [{ scale: 1, bound: t.check921 }]);
    // CPU time moves far less with the machine's load than wall time: shown beside the ratios
    // (not a target) to tell a slower build from a busier machine.
    const floorCpu = perScale((s) => med(s.floor, (r) => r.cpuMs));
    const cpuRatio = (value: number | undefined, i: number) =>
      value === undefined || !floorCpu[i] ? undefined : value / floorCpu[i]!;
    rows.push({
      label:
        'CPU time to the complete index ÷ the floor process’s CPU time, first open / reopen (not a target)',
      cells: scales.map((s, i) => {
        const [a, b] = [
          cpuRatio(
            med(s.firstOpen, (r) => r.indexCpuMs),
            i,
          ),
          cpuRatio(
            med(s.server, (r) => r.indexCpuMs),
            i,
          ),
        ];
        return a === undefined && b === undefined
          ? '–'
          : `${a === undefined ? '–' : ratio(a)} / ${b === undefined ? '–' : ratio(b)}`;
      }),
      status: '',
    });
  }
  rows.push({
    label: 'cold index (first open) ÷ reading every note',
    cells: scales.map((_, i) =>
      index[i] !== undefined && floorRead[i] ? ratio(index[i]! / floorRead[i]!) : '–',
    ),
    status: '',
  });

  // --- VS Code's Markdown language server
  const mdFirst = perScale((s) => med(s.markdownServer, (r) => r.firstDiagnosticsMs));
  const mdWorkspace = perScale((s) => med(s.markdownServer, (r) => r.workspaceMs));
  const mdPeak = perScale((s) => med(s.markdownServer, (r) => r.peakMb));
  if (mdWorkspace.every((v) => v === undefined))
    noteMissing('VS Code Markdown server', 'markdownServer');
  rows.push({
    label: 'VS Code Markdown server: first diagnostics of a note opened after initialize',
    cells: mdFirst.map(ms),
    status: '',
  });
  rows.push({
    label: 'VS Code Markdown server: link diagnostics of every note (from initialize)',
    cells: mdWorkspace.map(ms),
    growth: growth('md server', mdWorkspace, false).growth,
    status: '',
  });
  rows.push({
    label: 'VS Code Markdown server: peak resident memory',
    cells: mdPeak.map(mb),
    status: '',
  });
  rows.push({
    label: 'ATT&CK Notes cold index (first open) ÷ Markdown server, every note',
    cells: scales.map((_, i) =>
      index[i] !== undefined && mdWorkspace[i] !== undefined
        ? ratio(index[i]! / mdWorkspace[i]!)
        : '–',
    ),
    status: '',
  });

  // --- In-process pieces
  const catalog = results.catalogLoadMs.length ? median(results.catalogLoadMs) : undefined;
  if (catalog === undefined) noteMissing('catalog load', 'catalog');
  rows.push({
    label: 'catalog load, cold (bench/kb-load.ts)',
    cells: [ms(catalog)],
    status: catalog === undefined ? 'missing' : '',
  });
  if (results.parseMs !== undefined) {
    const cpu = results.parseCpuMs === undefined ? '' : ` (CPU ${ms(results.parseCpuMs)})`;
    rows.push({
      label: 'parse every note, 921, JIT warm (bench/parse-notes.ts)',
      cells: [`${ms(results.parseMs)}${cpu}`],
      status: '',
    });
  }

  // Sanity: the scaled vaults must not produce link problems, or the copies are not independent.
  for (const s of scales) {
    const links =
      s.server.reduce((sum, r) => sum + r.linkDiagnostics, 0) +
      s.check.reduce((sum, r) => sum + (r.linkFindings ?? 0), 0);
    if (links > 0)
      failures.push(
        `${s.scale}× vault: ${links} link diagnostics (copies must keep links unambiguous)`,
      );
  }
  return { rows, missed, reported, failures, missing };
}

function noteMissingStatus(_why: string): Row['status'] {
  return 'missing';
}

function combine(statuses: Row['status'][]): Row['status'] {
  if (statuses.includes('FAIL')) return 'FAIL';
  if (statuses.includes('missing')) return 'missing';
  return statuses.includes('pass') ? 'pass' : '';
}

/** The Markdown table: one column per scale; single-value rows fill the first column. */
export function renderTable(results: BenchResults, report: Report): string {
  const scales = results.scales;
  const header = [
    'measure',
    ...scales.map((s) => `${s.scale}× (${s.notes.toLocaleString('en-US')} notes)`),
    `growth ${scales[0].scale}×→${scales[scales.length - 1].scale}×`,
    'target',
    'status',
  ];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of report.rows) {
    const cells = scales.map((_, i) => row.cells[i] ?? '');
    lines.push(
      `| ${[row.label, ...cells, row.growth ?? '', row.target ?? '', row.status].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
