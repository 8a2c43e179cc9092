import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { serverEnvironment } from '../../client/src/serverEnvironment';

/** Median of a non-empty list (the lower middle for even lengths, so it is a measured value). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1];
}

/** Nearest-rank percentile, `p` in 0..100. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  samples: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    samples: values.length,
  };
}

/** The peak resident set size of a live process in MB (VmHWM in /proc/<pid>/status). */
export function peakResidentMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) / 1024 : undefined;
  } catch {
    return undefined; // not Linux, or the process is gone
  }
}

/**
 * CPU time (user + system, all threads) a live process has used so far, in ms, from
 * /proc/<pid>/stat. Unlike wall time it barely moves when other processes share the cores.
 */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces) start at state; utime and stime are
    // the 14th and 15th fields, in clock ticks (100 per second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export interface ProcessResult {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Children started by `timeProcess`, so the harness can end them if it stops early. */
const running = new Set<ChildProcess>();

export function killRunningProcesses(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Runs a command to its end and measures its wall time, from spawn to exit (what a user or CI
 * waits for). Kills it and rejects after `timeoutMs`. Output is collected only when `keepOutput`.
 * Every process of the bench gets the environment the language server gets from VS Code
 * (client/src/serverEnvironment.ts), so the floor, `check` and the servers are compared like with
 * like: with `NODE_EXTRA_CA_CERTS` set, every Node process reads a certificate file before running
 * any code (~45 ms here), which the server is spared and a ratio to the floor would then hide.
 */
export function timeProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs: number; keepOutput?: boolean },
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: serverEnvironment(),
    });
    running.add(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    // Output must be drained even when unused, or a chatty tool blocks on a full pipe.
    child.stdout.on('data', (chunk: Buffer) => options.keepOutput && stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => options.keepOutput && stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out after ${options.timeoutMs} ms: ${command} ${args.join(' ')}`));
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.once('close', (code) => {
      const ms = performance.now() - started;
      clearTimeout(timer);
      running.delete(child);
      resolve({
        ms,
        code,
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      });
    });
  });
}

/** Runs `task` `count` times in turn and returns every result. */
export async function repeat<T>(count: number, task: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 0; run < count; run++) results.push(await task(run));
  return results;
}
