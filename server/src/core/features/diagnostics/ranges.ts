import type { Position, Range } from 'vscode-languageserver-types';

/** Range helpers for the single-line spans the rules point into. */

/** The part of a single-line `range` from character offset `from` to `to` (relative to its start). */
export function sliceRange(range: Range, from: number, to: number): Range {
  const line = range.start.line;
  const start = range.start.character;
  return { start: { line, character: start + from }, end: { line, character: start + to } };
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when `inner` lies within `outer`. */
export function rangeWithin(inner: Range, outer: Range): boolean {
  return (
    comparePositions(inner.start, outer.start) >= 0 && comparePositions(inner.end, outer.end) <= 0
  );
}

/** The first line of a document, for findings about the whole note. */
export function firstLineRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
