import { setFlagsFromString } from 'node:v8';

/**
 * V8's optimizing compiler (TurboFan) held back while a check of a small vault runs. Such a check
 * ends before most of what TurboFan compiles pays off: at 921 notes it spent about a third of the
 * process's CPU time (1.1 s → 0.74 s without it, medians of 8 runs on 2 busy cores, and less wall
 * time too), compiling on a second thread that a loaded machine does not have to spare. A long
 * check gains from optimised code (9,210 notes: 4.9 s with TurboFan, 6.9 s without; 3,684
 * notes still ran faster without), so vaults above `MAX_NOTES` keep it from the start.
 */
export const MAX_NOTES = 3000;

/**
 * Runs `work` (the check of `notes` notes) with TurboFan off when the vault is small, and turns it
 * back on after: the flag is the whole process's (tests run checks in their own process), and the
 * CLI's code cache is written as the process exits, under the flags it started with. Whoever
 * started Node with their own say on optimising keeps it. `--turbofan` is V8's name for the flag
 * in every Node this runs on (20.19 and later).
 */
export function withOptimizingCompilerHeldBack<T>(
  notes: number,
  work: () => T,
  v8 = { setFlags: setFlagsFromString, startOptions: startOptions() },
): T {
  const turbofan = (on: boolean): boolean => {
    try {
      v8.setFlags(on ? '--turbofan' : '--no-turbofan');
      return true;
    } catch {
      return false; // refused: the flag stays as it was
    }
  };
  const chosenByUser = /turbofan|\bopt\b|max-opt/.test(v8.startOptions);
  if (notes > MAX_NOTES || chosenByUser || !turbofan(false)) return work();
  try {
    return work();
  } finally {
    turbofan(true);
  }
}

/** The options Node was started with: its command line and NODE_OPTIONS. */
function startOptions(): string {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
}
