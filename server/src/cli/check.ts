import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { NewerVaultNotice } from '../core/features/attackRelease/newerVault';
import {
  CONFIG_FILE_NAME,
  parseConfigFile,
  withLevels,
  type RuleConfig,
} from '../core/features/diagnostics/config';
import {
  createExcludeMatcher,
  DEFAULT_EXCLUDES,
  listMarkdownFiles,
  type SkippedPath,
} from '../core/index/diskVault';
import { describeSkip } from '../core/index/noteFiles';
import { pathFromUri, uriFromPath } from '../core/index/vaultPaths';
import type { AttackKnowledgeBase } from '../core/kb/knowledgeBase';
import { loadKnowledgeBase } from '../core/kb/loadKnowledgeBase';
import { CHECK_HELP, CHECK_USAGE, parseCheckArgs, type CheckOptions } from './check/args';
import { countFindings, type FileFindings } from './check/findings';
import { formatJson } from './check/format/json';
import { formatSarif } from './check/format/sarif';
import { formatText } from './check/format/text';
import { checkVaultInParallel, shouldUseWorker, type VaultResult } from './check/parallelCheck';
import { fixAndCheck } from './check/fix/fixAndCheck';
import { withOptimizingCompilerHeldBack } from './check/optimizingCompiler';
import { checkVaultStreaming } from './check/streamingCheck';
import { vaultRootOf } from './check/vaultRoots';

/**
 * `attack-notes check`: the editor's rules over whole vaults, for CI and pre-commit hooks. Exit
 * code 0 when clean, 1 when problems were found, 2 on bad usage or an unreadable path.
 */

export const TOOL_VERSION = '0.1.0';

export interface CheckIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The knowledge base to use; the CLI loads the bundled catalog (tests pass their own). */
  loadKnowledgeBase?: () => AttackKnowledgeBase;
}

export const processIo: CheckIo = {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

class UsageError extends Error {}

interface VaultJob {
  root: string;
  /** Requested files and folders inside the vault; only notes under them are reported. */
  scopes: string[];
}

function planVaults(paths: readonly string[], cwd: string): VaultJob[] {
  const jobs = new Map<string, VaultJob>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      const stat = statSync(absolute);
      isDirectory = stat.isDirectory();
      if (!isDirectory && !/\.(md|markdown)$/i.test(absolute)) {
        throw new UsageError(`'${given}' is not a Markdown note or a folder`);
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file or folder'
          : String(error);
      throw new UsageError(`cannot read '${given}': ${reason}`);
    }
    const root = vaultRootOf(absolute, isDirectory);
    const job = jobs.get(root) ?? { root, scopes: [] };
    job.scopes.push(absolute);
    jobs.set(root, job);
  }
  return [...jobs.values()];
}

function loadConfig(root: string, options: CheckOptions, io: CheckIo): RuleConfig {
  const file = path.join(root, CONFIG_FILE_NAME);
  let json: unknown;
  if (existsSync(file)) {
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new UsageError(
        `cannot read ${path.relative(io.cwd, file) || file}: ${(error as Error).message}`,
      );
    }
  }
  const parsed = parseConfigFile(json ?? {});
  for (const problem of parsed.problems)
    io.stderr(`attack-notes check: ${CONFIG_FILE_NAME}: ${problem}\n`);
  return withLevels(parsed.config, options.levels);
}

/** The bundled catalog plus `--stix-bundle` files; a bad bundle is reported and skipped. */
async function knowledgeBaseFor(options: CheckOptions, io: CheckIo): Promise<AttackKnowledgeBase> {
  const loaded = await loadKnowledgeBase({ bundles: options.stixBundles, baseDir: io.cwd });
  for (const problem of loaded.problems) io.stderr(`attack-notes check: ${problem.message}\n`);
  return loaded.kb;
}

function displayPath(fsPath: string, cwd: string): string {
  return path.relative(cwd, fsPath).split(path.sep).join('/');
}

async function checkVault(
  job: VaultJob,
  options: CheckOptions,
  io: CheckIo,
  kb: AttackKnowledgeBase,
): Promise<{
  results: FileFindings[];
  notes: number;
  unreadable: number;
  newerVault?: NewerVaultNotice;
}> {
  const config = loadConfig(job.root, options, io);
  const folderUri = uriFromPath(job.root);
  const skippedPaths: SkippedPath[] = [];
  const excludes = createExcludeMatcher(DEFAULT_EXCLUDES);
  const vaultPaths = listMarkdownFiles(job.root, excludes, '', skippedPaths);
  const fileOf = (vaultPath: string) => path.join(job.root, ...vaultPath.split('/'));
  const files = vaultPaths.map(fileOf);
  // A test's own knowledge base cannot cross into a worker; the worker loads the catalog and
  // the same --stix-bundle files.
  const parallel = io.loadKnowledgeBase === undefined && shouldUseWorker(files.length);
  // Fixing runs on one thread over one index: a fix in one note can change what another finds.
  const outcome: VaultResult & { unwritten?: number } = options.fix
    ? fixAndCheck(files, folderUri, config, job.scopes, kb, options.fix, {
        // The summary and diffs go with the text output; JSON and SARIF keep stdout to themselves.
        out: options.format === 'text' ? io.stdout : io.stderr,
        err: io.stderr,
        displayPath: (fsPath) => displayPath(fsPath, io.cwd),
      })
    : parallel
      ? await checkVaultInParallel(
          files,
          {
            folderUri,
            config,
            scopes: job.scopes,
            stixBundles: options.stixBundles ?? [],
            baseDir: io.cwd,
          },
          kb,
        )
      : // One note at a time; V8's optimizing compiler waits while the vault is small.
        withOptimizingCompilerHeldBack(files.length, () =>
          checkVaultStreaming(job.root, files, config, job.scopes, kb),
        );
  for (const failure of outcome.failures) {
    const file = displayPath(pathFromUri(failure.uri), io.cwd);
    io.stderr(`attack-notes check: cannot read ${file}: ${failure.message}\n`);
  }
  // As in the editor: files named like notes that are not notes are skipped with a warning.
  const skipped = [
    ...skippedPaths.map(({ vaultPath, reason }) => ({ file: fileOf(vaultPath), reason })),
    ...outcome.skipped.map(({ uri, reason }) => ({ file: pathFromUri(uri), reason })),
  ];
  for (const { file, reason } of skipped) {
    io.stderr(
      `attack-notes check: skipped ${displayPath(file, io.cwd)}: ${describeSkip(reason)}\n`,
    );
  }
  const results = outcome.findings.map(({ fsPath, diagnostics }) => ({
    file: displayPath(fsPath, io.cwd),
    diagnostics,
  }));
  // A note that could not be written fails the run as an unreadable one does.
  const unreadable = outcome.failures.length + (outcome.unwritten ?? 0);
  const checked = { results, notes: outcome.notes, unreadable };
  return outcome.newerVault ? { ...checked, newerVault: outcome.newerVault } : checked;
}

export async function runCheck(args: readonly string[], io: CheckIo = processIo): Promise<number> {
  const parsed = parseCheckArgs(args);
  if (!parsed.ok) {
    io.stderr(`attack-notes check: ${parsed.message}\nusage: ${CHECK_USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help) {
    io.stdout(`${CHECK_HELP}\n`);
    return 0;
  }
  let jobs: VaultJob[];
  try {
    jobs = planVaults(options.paths, io.cwd);
  } catch (error) {
    io.stderr(`attack-notes check: ${(error as Error).message}\n`);
    return 2;
  }
  const kb = io.loadKnowledgeBase ? io.loadKnowledgeBase() : await knowledgeBaseFor(options, io);
  const results: FileFindings[] = [];
  let notes = 0;
  let unreadable = 0;
  const notices: string[] = [];
  try {
    for (const job of jobs) {
      const outcome = await checkVault(job, options, io, kb);
      results.push(...outcome.results);
      notes += outcome.notes;
      unreadable += outcome.unreadable;
      if (outcome.newerVault) {
        // One line per vault; the vault is named only when several were checked.
        const vault = displayPath(job.root, io.cwd) || '.';
        notices.push(
          jobs.length > 1 ? `${vault}: ${outcome.newerVault.message}` : outcome.newerVault.message,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`attack-notes check: ${error.message}\n`);
    return 2;
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  if (options.format === 'json') {
    io.stdout(formatJson(results));
    // The JSON output is an array of findings that CI scripts read; the notice is no finding.
    for (const notice of notices) io.stderr(`attack-notes check: ${notice}\n`);
  } else if (options.format === 'sarif') {
    io.stdout(
      formatSarif(results, {
        toolVersion: TOOL_VERSION,
        displayPath: (uri) => displayPath(pathFromUri(uri), io.cwd),
        notices,
      }),
    );
  } else io.stdout(formatText(results, notes, notices));

  if (unreadable > 0) return 2;
  const counts = countFindings(results);
  return counts.error > 0 || counts.warning > options.maxWarnings ? 1 : 0;
}

/** The `check` entry of the CLI's subcommand table. */
export const checkCommand = {
  usage: CHECK_USAGE,
  help: CHECK_HELP,
  summary: 'Check ATT&CK notes with the editor rules (text, JSON or SARIF output) for CI.',
  run: (args: string[]): Promise<number> => runCheck(args),
};
