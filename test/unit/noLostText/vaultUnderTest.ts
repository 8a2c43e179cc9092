import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { parseRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import type { KnowledgeBase } from '../../../server/src/core/kb/types';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { catalogKnowledgeBase } from '../kb/attackData';

/** The vault's root in memory; notes are `file:///vault/<vault path>`. */
export const ROOT = '/vault';
const baseKb = catalogKnowledgeBase();
/** Every rule on, as `attack-notes check` runs them (reference-unused too: it must not appear). */
const { config } = parseRuleConfig({ 'reference-unused': 'warning' });

export function uriOf(vaultPath: string): string {
  return URI.file(path.posix.join(ROOT, vaultPath)).toString();
}

export function vaultPathOf(uri: string): string {
  return path.posix.relative(ROOT, URI.parse(uri).fsPath);
}

/**
 * Rules whose message changes with other edits: mitigation-missing lists the mitigations still
 * missing (a fix of one shortens it), attack-drift what the note lacks, table-unescaped-pipe quotes the link as it should be
 * written (a rename rewrites the link).
 */
const LISTING_RULES = new Set(['mitigation-missing', 'attack-drift', 'table-unescaped-pipe']);

/** A finding as `path: code: message`, without the line numbers a message may quote. */
export function findingOf(
  vaultPath: string,
  diagnostic: Pick<Diagnostic, 'code' | 'message'>,
): string {
  const message = diagnostic.message.replace(/\(line \d+\)/g, '(line …)');
  return `${vaultPath}: ${String(diagnostic.code)}: ${message}`;
}

/** A finding as the vault's list of findings has it (see `findings`). */
export function comparableFinding(
  vaultPath: string,
  diagnostic: Pick<Diagnostic, 'code' | 'message'>,
): string {
  return LISTING_RULES.has(String(diagnostic.code))
    ? `${vaultPath}: ${String(diagnostic.code)}`
    : findingOf(vaultPath, diagnostic);
}

/** A vault in memory, as texts by vault path, with its index and knowledge base. */
export class VaultUnderTest {
  readonly index: WorkspaceIndex;
  readonly kb: KnowledgeBase;

  constructor(readonly files: Readonly<Record<string, string>>) {
    this.index = new WorkspaceIndex([URI.file(ROOT).toString()]);
    for (const [vaultPath, text] of Object.entries(files))
      this.index.setNote(parseNote(text, uriOf(vaultPath)));
    this.kb = baseKb.withVaultDefinitions(vaultDefinitions(this.index));
  }

  /** The same vault with some notes' texts replaced (and renamed ones moved). */
  with(texts: Record<string, string>, moves: Record<string, string> = {}): VaultUnderTest {
    const files: Record<string, string> = {};
    for (const [vaultPath, text] of Object.entries(this.files))
      files[moves[vaultPath] ?? vaultPath] = texts[vaultPath] ?? text;
    return new VaultUnderTest(files);
  }

  context(vaultPath: string) {
    const note = this.index.get(uriOf(vaultPath))!.note;
    return { note, index: this.index, kb: this.kb };
  }

  diagnostics(vaultPath: string): Diagnostic[] {
    return computeDiagnostics(this.context(vaultPath).note, this.index, this.kb, config);
  }

  /**
   * Every finding of the vault as `path: code: message` lines (positions move with edits). Rules
   * whose message lists what is left (the mitigations still missing) are compared by code alone,
   * and a line number in a message (the first of two duplicates) is left out: edits above move it.
   */
  findings(): string[] {
    return Object.keys(this.files)
      .sort()
      .flatMap((vaultPath) =>
        this.diagnostics(vaultPath).map((d) => comparableFinding(vaultPath, d)),
      );
  }
}

/**
 * The findings of `after` that `before` did not have (as many times as they were not there):
 * what an edit brought. `renamed` maps old vault paths to new ones, so a moved note's findings
 * compare with its old ones.
 */
export function newFindings(
  before: readonly string[],
  after: readonly string[],
  renamed: Record<string, string> = {},
): string[] {
  const left = new Map<string, number>();
  for (const line of before) {
    const moved = Object.entries(renamed).reduce(
      (text, [from, to]) =>
        text.startsWith(`${from}: `) ? `${to}${text.slice(from.length)}` : text,
      line,
    );
    left.set(moved, (left.get(moved) ?? 0) + 1);
  }
  const added: string[] = [];
  for (const line of after) {
    const count = left.get(line) ?? 0;
    if (count > 0) left.set(line, count - 1);
    else added.push(line);
  }
  return added;
}
