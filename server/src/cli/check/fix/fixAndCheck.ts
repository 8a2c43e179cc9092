import type { RuleConfig } from '../../../core/features/diagnostics/config';
import type { AttackKnowledgeBase } from '../../../core/kb/knowledgeBase';
import type { VaultResult } from '../parallelCheck';
import { NODE_FILE_SYSTEM, writeFileAtomically } from './atomicWrite';
import { fixVault, type FixedNote } from './fixVault';
import { formatFixSummary } from './summary';
import { unifiedDiff } from './unifiedDiff';

/** Where `check --fix` reports: the summary and diffs, complaints, and how files are named. */
export interface FixReport {
  out(text: string): void;
  err(text: string): void;
  displayPath(fsPath: string): string;
}

export interface FixedVaultResult extends VaultResult {
  /** Notes whose fixed text could not be written (each left as it was). */
  unwritten: number;
}

/**
 * Fixes a vault's notes and then writes each changed note atomically (`write`) or prints the
 * changes as a unified diff (`dry-run`), then a summary of what was fixed. Returns the findings
 * left in the fixed vault, for the usual output and exit code.
 */
export function fixAndCheck(
  files: readonly string[],
  folderUri: string,
  config: RuleConfig,
  scopes: readonly string[],
  kb: AttackKnowledgeBase,
  mode: 'write' | 'dry-run',
  report: FixReport,
): FixedVaultResult {
  const fixed = fixVault(files, folderUri, config, scopes, kb);
  for (const file of fixed.notUtf8) {
    report.err(`attack-notes check: ${report.displayPath(file)} is not UTF-8; left as it is\n`);
  }
  for (const { fsPath, message } of fixed.unfixable) {
    report.err(
      `attack-notes check: could not fix ${report.displayPath(fsPath)} (${message}); left as it is\n`,
    );
  }
  const done: FixedNote[] = [];
  let unwritten = 0;
  for (const note of fixed.changed) {
    const shown = report.displayPath(note.fsPath);
    if (mode === 'dry-run') {
      report.out(unifiedDiff(shown, note.before, note.after));
      done.push(note);
      continue;
    }
    try {
      // Only over the text that was fixed: a note saved meanwhile keeps its save.
      writeFileAtomically(note.fsPath, note.after, NODE_FILE_SYSTEM, note.before);
      done.push(note);
    } catch (error) {
      unwritten++;
      const reason = error instanceof Error ? error.message : String(error);
      report.err(`attack-notes check: cannot write ${shown} (${reason}); it is unchanged\n`);
    }
  }
  report.out(formatFixSummary(done, report.displayPath, mode === 'dry-run'));
  const { findings, notes, failures, skipped } = fixed;
  return { findings, notes, failures, skipped, unwritten };
}
