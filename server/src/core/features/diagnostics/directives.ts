import type { Diagnostic } from 'vscode-languageserver-types';
import type { RuleDirective } from '../../model/types';
import { comparePositions } from './ranges';

/**
 * `<!-- attack-notes-disable rule -->` … `<!-- attack-notes-enable rule -->` silence a region,
 * `<!-- attack-notes-disable-next-line rule -->` the line below, as markdownlint users expect.
 * An empty rule list means every rule. A region opened and never closed runs to the end.
 */
export function applyDirectives(
  diagnostics: Diagnostic[],
  directives: readonly RuleDirective[],
): Diagnostic[] {
  if (directives.length === 0) return diagnostics;
  const ordered = [...directives].sort((a, b) => comparePositions(a.range.start, b.range.start));
  return diagnostics.filter((diagnostic) => !isSilenced(diagnostic, ordered));
}

function applies(directive: RuleDirective, code: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(code);
}

function isSilenced(diagnostic: Diagnostic, ordered: readonly RuleDirective[]): boolean {
  const code = String(diagnostic.code ?? '');
  const at = diagnostic.range.start;
  let disabled = false;
  for (const directive of ordered) {
    if (!applies(directive, code)) continue;
    if (directive.kind === 'disable-next-line') {
      if (at.line === directive.range.end.line + 1) return true;
      continue;
    }
    // A region starts where its comment starts, so a finding on the comment's line is covered.
    if (comparePositions(directive.range.start, at) > 0) break;
    disabled = directive.kind === 'disable';
  }
  return disabled;
}
