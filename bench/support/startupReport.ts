import type { StartupTrace } from '../../server/src/lsp/protocol/startupTraceRequest';
import { median } from './measure';
import type { BenchResults } from './results';

/** What each phase of the server's start-up trace is (server/src/lsp/startupTrace.ts). */
const PHASES: Record<string, string> = {
  node: 'Node starts (process start → the loader’s first line)',
  bundle: 'server bundle loaded (V8 code cache) and evaluated',
  wiring: 'server wired (connection, handlers)',
  awaitInitialize: 'until the client’s `initialize` is read',
  catalog: 'ATT&CK catalog loaded',
  handshake: '`initialize` answered → the reading starts',
  summaryCache: 'index cache of the last session read',
  list: 'vault listed',
  read: 'first read of the notes (stamp and text of each)',
  parse: 'parse: each note’s summary and index entry',
  loadOther: 'other messages (`initialized`, settings) and yields during the reading',
  afterLoad: 'after the reading: excludes, vault IDs (no link is resolved before first use)',
};

const ms = (value: number | undefined) =>
  value === undefined ? '' : value >= 10 ? `${Math.round(value)} ms` : `${value.toFixed(1)} ms`;

type IndexTrace = NonNullable<StartupTrace['index']>;

/** Median of each phase over the runs, by phase name; undefined when no run had a trace. */
function medianPhases(traces: readonly (IndexTrace | undefined)[]) {
  const present = traces.filter((t): t is IndexTrace => t !== undefined);
  if (!present.length) return undefined;
  const phases = new Map<string, number>();
  for (const name of Object.keys(PHASES)) {
    const values = present.flatMap((t) => t.phases.filter((p) => p.name === name).map((p) => p.ms));
    if (values.length) phases.set(name, median(values));
  }
  return { phases, totalMs: median(present.map((t) => t.totalMs)) };
}

/**
 * Where the start-up time goes, from the server's own trace: one column per session kind and
 * scale (first open; first open through `attack-notes lsp --stdio` and reopen at the first scale),
 * one row per phase (medians over the runs), then the first diagnostics after the index.
 */
export function renderStartupTable(results: BenchResults): string | undefined {
  const columns: { title: string; trace: ReturnType<typeof medianPhases>; wallMs?: number }[] = [];
  const wall = (runs: readonly { indexMs: number }[]) =>
    runs.length ? median(runs.map((r) => r.indexMs)) : undefined;
  results.scales.forEach((scale, i) => {
    const notes = scale.notes.toLocaleString('en-US');
    columns.push({
      title: `first open, ${notes}`,
      trace: medianPhases(scale.firstOpen.map((r) => r.trace)),
      wallMs: wall(scale.firstOpen),
    });
    if (i === 0) {
      columns.push({
        title: `\`lsp --stdio\`, ${notes}`,
        trace: medianPhases(scale.firstOpenCli.map((r) => r.trace)),
        wallMs: wall(scale.firstOpenCli),
      });
    }
    if (i === 0 || i === results.scales.length - 1) {
      columns.push({
        title: `reopen, ${notes}`,
        trace: medianPhases(scale.server.map((r) => r.trace?.index)),
        wallMs: wall(scale.server),
      });
    }
  });
  if (columns.every((c) => c.trace === undefined)) return undefined;

  const lines = [
    `| phase | ${columns.map((c) => c.title).join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const [name, label] of Object.entries(PHASES)) {
    lines.push(`| ${label} | ${columns.map((c) => ms(c.trace?.phases.get(name))).join(' | ')} |`);
  }
  lines.push(
    `| **process start → index complete (the server’s clock)** | ${columns.map((c) => `**${ms(c.trace?.totalMs)}**`).join(' | ')} |`,
    `| spawn → \`indexReady\` received (the bench’s clock) | ${columns.map((c) => ms(c.wallMs)).join(' | ')} |`,
  );

  // The first note opened after the index (the reopen session's large group note).
  const diagnostics = results.scales.map((scale) => {
    const runs = scale.server.flatMap((r) =>
      r.trace?.firstDiagnostics ? [r.trace.firstDiagnostics] : [],
    );
    if (!runs.length) return undefined;
    return {
      notes: scale.notes,
      parseMs: median(runs.map((r) => r.parseMs)),
      diagnosticsMs: median(runs.map((r) => r.diagnosticsMs)),
      linkResolutionMs: median(runs.map((r) => r.linkResolutionMs)),
      links: median(runs.map((r) => r.links)),
    };
  });
  const measured = diagnostics.filter((d) => d !== undefined);
  if (measured.length) {
    lines.push(
      '',
      `| first note opened after the index (Mustang Panda) | ${measured.map((d) => `${d.notes.toLocaleString('en-US')} notes`).join(' | ')} |`,
      `| --- | ${measured.map(() => '---').join(' | ')} |`,
      `| parse of the opened note (\`didOpen\`) | ${measured.map((d) => ms(d.parseMs)).join(' | ')} |`,
      `| diagnostics, every rule | ${measured.map((d) => ms(d.diagnosticsMs)).join(' | ')} |`,
      `| of which link resolution | ${measured.map((d) => `${ms(d.linkResolutionMs)} (${d.links} links)`).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
