import path from 'node:path';
import { repoRoot } from '../../test/support/lspClient';
import { timeProcess } from '../support/measure';

/** Wall time of one process over a vault, from spawn to exit, as CI would wait for it. */
export interface CommandRun {
  ms: number;
  exitCode: number | null;
}

export interface CheckRun extends CommandRun {
  /** Findings in the JSON output, and how many of them are about links (`link-*`). */
  findings?: number;
  linkFindings?: number;
}

const TEN_MINUTES = 10 * 60_000;

/** `attack-notes check <vault> --format json`; exit 0 (clean) and 1 (findings) both count. */
export async function timeCheck(root: string, keepOutput: boolean): Promise<CheckRun> {
  const result = await timeProcess(
    process.execPath,
    [path.join(repoRoot, 'bin', 'attack-notes.js'), 'check', root, '--format', 'json'],
    { cwd: root, timeoutMs: TEN_MINUTES, keepOutput },
  );
  if (result.code !== 0 && result.code !== 1) {
    const reason = result.stderr.split('\n')[0] || `exit code ${result.code}`;
    throw new Error(`attack-notes check failed: ${reason}`);
  }
  const run: CheckRun = { ms: result.ms, exitCode: result.code };
  if (keepOutput) {
    const findings = JSON.parse(result.stdout) as { code: string }[];
    run.findings = findings.length;
    run.linkFindings = findings.filter((finding) => finding.code.startsWith('link-')).length;
  }
  return run;
}

/**
 * markdownlint-cli2 with its default rules over every note. It exits 1 when it finds problems
 * (the vault is not written to its style); only a crash (2) is a failure.
 */
export async function timeMarkdownlint(root: string): Promise<CommandRun> {
  // Its package exports no package.json to resolve from; npm puts it here.
  const bin = path.join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  const result = await timeProcess(process.execPath, [bin, '**/*.md'], {
    cwd: root,
    timeoutMs: TEN_MINUTES,
  });
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`markdownlint-cli2 failed with exit code ${result.code}`);
  }
  return { ms: result.ms, exitCode: result.code };
}

export interface FloorRun {
  /** Wall time of a node process that only reads every note. */
  processMs: number;
  /** The reading alone, inside that process. */
  readMs: number;
  /** CPU time of that process, start to end (user + system). */
  cpuMs?: number;
  files: number;
}

export async function timeReadEveryFile(root: string): Promise<FloorRun> {
  const script = path.join(repoRoot, 'bench', 'probes', 'read-every-file.mjs');
  const result = await timeProcess(process.execPath, [script, root], {
    timeoutMs: TEN_MINUTES,
    keepOutput: true,
  });
  const inside = JSON.parse(result.stdout) as { files: number; ms: number; cpuMs?: number };
  return { processMs: result.ms, readMs: inside.ms, cpuMs: inside.cpuMs, files: inside.files };
}

/**
 * The cold catalog load (bench/kb-load.ts), in a fresh process each time: the first load is what
 * a starting server pays, and a process only has one first load.
 */
export async function timeCatalogLoad(): Promise<number> {
  const result = await timeProcess(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bench', 'kb-load.ts'), '--json', '1'],
    { cwd: repoRoot, timeoutMs: 60_000, keepOutput: true },
  );
  if (result.code !== 0) throw new Error(`bench/kb-load.ts failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { coldMs: number }).coldMs;
}
