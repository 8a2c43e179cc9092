import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { parseRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { catalogKnowledgeBase } from '../kb/attackData';
import { memoryVault, noteUri } from '../support/memoryVault';

/**
 * Runs the real pipeline (parseNote, WorkspaceIndex, the ATT&CK v18.1 knowledge base) over an
 * in-memory vault and returns the findings of one note.
 */
export function diagnose(
  files: Record<string, string>,
  vaultPath: string,
  rules?: Record<string, unknown>,
): Diagnostic[] {
  const index = memoryVault(files);
  const kb = catalogKnowledgeBase().withVaultDefinitions(vaultDefinitions(index));
  const { config, problems } = parseRuleConfig(rules);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const indexed = index.get(noteUri(vaultPath));
  if (!indexed) throw new Error(`no note at ${vaultPath}`);
  return computeDiagnostics(indexed.note, index, kb, config);
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

/** The essentials a test asserts on: code, severity, range, message. */
export function brief(d: Diagnostic) {
  return { code: d.code, severity: d.severity, range: d.range, message: d.message };
}

export function ofCode(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** Replaces exactly one occurrence of `from` (so a typo in a test fails loudly). */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0)
    throw new Error(`'${from}' must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The range of the `occurrence`-th (0-based) `needle` in `text`, which must be on one line. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
  }
  const before = text.slice(0, at).split('\n');
  const line = before.length - 1;
  const start = before[line].length;
  return range(line, start, start + needle.length);
}
