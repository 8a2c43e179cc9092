import type { CheckRun, CommandRun, FloorRun } from '../probes/commandLine';
import type { FirstOpenRun, ServerRun } from '../probes/attackNotesServer';
import type { MarkdownServerRun } from '../probes/markdownServer';

/** Everything measured at one scale; a list holds one entry per run. */
export interface ScaleResult {
  scale: number;
  notes: number;
  bytes: number;
  /** A vault opened for the first time: no index cache. */
  firstOpen: FirstOpenRun[];
  /** The same, the server started as other editors start it: `attack-notes lsp --stdio`. */
  firstOpenCli: FirstOpenRun[];
  /** The same vault reopened (the index cache of the first open), then worked in. */
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
