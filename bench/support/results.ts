import type { CheckRun, CommandRun, FloorRun } from '../probes/commandLine';
import type { ServerRun } from '../probes/attackNotesServer';
import type { MarkdownServerRun } from '../probes/markdownServer';

/** Everything measured at one scale; a list holds one entry per run. */
export interface ScaleResult {
  scale: number;
  notes: number;
  bytes: number;
  server: ServerRun[];
  check: CheckRun[];
  markdownlint: CommandRun[];
  markdownServer: MarkdownServerRun[];
  floor: FloorRun[];
  /** Why a measurement could not be taken (a missing command, a failed probe). */
  unavailable: Record<string, string>;
}

export interface BenchResults {
  date: string;
  mode: 'full' | 'ci';
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    /** 1-minute load average when the run started and when it ended. */
    loadAverage: number;
    loadAverageAtEnd?: number;
  };
  scales: ScaleResult[];
  /** Cold catalog loads, one fresh process each. */
  catalogLoadMs: number[];
  /** Parsing every note of the 1× vault in one process (fast block provider), median of runs. */
  parseMs?: number;
  parseCpuMs?: number;
  unavailable: Record<string, string>;
}
