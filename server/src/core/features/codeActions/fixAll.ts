import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { comparePositions } from '../diagnostics/ranges';
import { isRuleCode } from '../diagnostics/rules';
import { FIX_PROVIDERS } from './registry';
import type { FixContext, NoteFix } from './types';

/**
 * Every fix of a note that needs no choice, as one list of edits for one versioned document edit
 * (`source.fixAll.attackNotes`, `attack-notes check --fix`). Fixes are taken in document order of
 * their diagnostics; a fix whose edits would overlap an earlier fix's is left for the next run, as
 * a whole, so no fix is ever half applied. Edits that meet at one position are merged into one
 * (inserts in the order of their fixes), since clients may apply edits at one position in any
 * order, and some drop all but one (a complaint of vscode-eslint's users).
 */
export function fixAllEdits(context: FixContext, diagnostics: readonly Diagnostic[]): TextEdit[] {
  const accepted = new AcceptedEdits();
  for (const { fix } of unambiguousFixes(context, diagnostics)) {
    const edits = fix.edits.filter((edit) => !accepted.has(edit));
    if (edits.some((edit) => accepted.conflictsWith(edit.range))) continue;
    edits.forEach((edit) => accepted.add(edit));
  }
  return mergeMeeting(accepted.inOrder);
}

/**
 * The edits fix-all has taken, in the order taken and sorted by position. No two conflict, so
 * sorted by start they are sorted by end too, and a new edit need only be tested against its
 * neighbours: a 5,000-row table's fix-all tested every pair before.
 */
class AcceptedEdits {
  readonly inOrder: TextEdit[] = [];
  private readonly sorted: TextEdit[] = [];
  private readonly keys = new Set<string>();

  has(edit: TextEdit): boolean {
    return this.keys.has(editKey(edit));
  }

  conflictsWith(range: Range): boolean {
    // The first taken edit that ends after `range` starts; those before cannot share text.
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (comparePositions(this.sorted[middle].range.end, range.start) <= 0) low = middle + 1;
      else high = middle;
    }
    for (let i = low; i < this.sorted.length; i++) {
      const taken = this.sorted[i].range;
      if (comparePositions(taken.start, range.end) > 0) break;
      if (conflicts(taken, range)) return true;
    }
    return false;
  }

  add(edit: TextEdit): void {
    this.inOrder.push(edit);
    this.keys.add(editKey(edit));
    let at = this.sorted.length;
    while (at > 0 && compareRanges(this.sorted[at - 1].range, edit.range) > 0) at--;
    this.sorted.splice(at, 0, edit);
  }
}

function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

function editKey(edit: TextEdit): string {
  const { start, end } = edit.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}:${edit.newText}`;
}

/** The one unambiguous fix of each diagnostic that has one, in document order. */
export function unambiguousFixes(
  context: FixContext,
  diagnostics: readonly Diagnostic[],
): { diagnostic: Diagnostic; fix: NoteFix }[] {
  const ordered = [...diagnostics].sort(
    (a, b) =>
      comparePositions(a.range.start, b.range.start) ||
      comparePositions(a.range.end, b.range.end) ||
      String(a.code).localeCompare(String(b.code)),
  );
  const fixes: { diagnostic: Diagnostic; fix: NoteFix }[] = [];
  const choiceless: FixContext = { ...context, unambiguousOnly: true };
  for (const diagnostic of ordered) {
    const code = String(diagnostic.code ?? '');
    const provider = isRuleCode(code) ? FIX_PROVIDERS[code] : undefined;
    if (!provider) continue;
    const fix = provider(choiceless, diagnostic).find((candidate) => candidate.unambiguous);
    // A note to create is never part of fix-all: which note to create is a choice.
    if (fix && !fix.createNote && fix.edits.length > 0) fixes.push({ diagnostic, fix });
  }
  return fixes;
}

/**
 * Two ranges that share text, or an insert strictly inside a replaced range. Ranges that only
 * meet (one ends where the other starts) do not conflict.
 */
function conflicts(a: Range, b: Range): boolean {
  const aEmpty = comparePositions(a.start, a.end) === 0;
  const bEmpty = comparePositions(b.start, b.end) === 0;
  if (aEmpty && bEmpty) return false;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/** Sorted edits with every run of edits that meet at a position merged into one edit. */
function mergeMeeting(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort(
      (a, b) =>
        comparePositions(a.edit.range.start, b.edit.range.start) ||
        comparePositions(a.edit.range.end, b.edit.range.end) ||
        a.order - b.order,
    )
    .map(({ edit }) => edit);
  const merged: TextEdit[] = [];
  for (const edit of sorted) {
    const last = merged[merged.length - 1];
    if (last && comparePositions(last.range.end, edit.range.start) === 0) {
      merged[merged.length - 1] = {
        range: { start: last.range.start, end: edit.range.end },
        newText: last.newText + edit.newText,
      };
    } else {
      merged.push(edit);
    }
  }
  return merged;
}
