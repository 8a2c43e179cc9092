import type { Position, Range } from 'vscode-languageserver-types';

/** Position and range arithmetic shared by the navigation features. */

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Inclusive at both ends: a cursor just after a link's `]]` still counts as on the link. */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/** True when `inner` lies entirely inside `outer`. */
export function rangeEncloses(outer: Range, inner: Range): boolean {
  return (
    comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0
  );
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** The empty range at the top of a file: where a link without `#heading` lands. */
export const TOP_OF_FILE: Range = {
  start: { line: 0, character: 0 },
  end: { line: 0, character: 0 },
};
