// How fast V8 lets the server's heap grow. The server lives as long as the editor and its live
// heap is small (~67 MB at 9,210 notes), but some requests allocate in bursts: coverage of the
// whole matrix builds and drops a model of every technique note. With V8's default growth the heap
// then swelled to ~260 MB of mostly garbage before a full collection caught up (bench: peak
// memory, 9,210 notes, reopen and work; the target is 250 MB). Growing by 30% per full
// collection keeps that peak at ~195 MB for ~5% more CPU in that session (docs/performance.md).
import { setFlagsFromString } from 'node:v8';

/** V8's heap growth factor for the server, as a percent: 1.3 × the live size after a full GC. */
export const SERVER_HEAP_GROWING_PERCENT = 30;

const FLAG = 'heap-growing-percent';

/**
 * The flag to set, unless the user already chose one on the command line or in NODE_OPTIONS
 * (`--heap-growing-percent` or `--heap_growing_percent`): theirs wins.
 */
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions = ''): string | undefined {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) =>
    arg.replace(/_/g, '-').startsWith(`--${FLAG}`),
  );
  return given ? undefined : `--${FLAG}=${SERVER_HEAP_GROWING_PERCENT}`;
}

/** Sets the server's heap growth; V8 reads the factor at each full collection. */
export function limitHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag) setFlagsFromString(flag);
}
