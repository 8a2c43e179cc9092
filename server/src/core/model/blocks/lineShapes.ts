/**
 * Recognisers for single Markdown lines, shared by both block providers so that line-level details
 * (what the heading text is, where a bullet's text starts) are computed one way. Offsets are relative
 * to the line passed in.
 */

export interface AtxHeadingShape {
  level: number;
  /** The heading text without `#` marks, closing `#`s and surrounding blanks. */
  textStart: number;
  textEnd: number;
}

const ATX_OPEN = /^ {0,3}(#{1,6})(?=[ \t]|$)/;

export function atxHeading(line: string): AtxHeadingShape | undefined {
  const open = ATX_OPEN.exec(line);
  if (!open) return undefined;
  let start = open[0].length;
  let end = line.length;
  while (start < end && isBlank(line.charCodeAt(start))) start++;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  // A closing run of `#`s counts only when a blank precedes it (or it is all that is left).
  let hashes = end;
  while (hashes > start && line.charCodeAt(hashes - 1) === 35 /* # */) hashes--;
  if (hashes < end && (hashes === start || isBlank(line.charCodeAt(hashes - 1)))) {
    end = hashes;
    while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  }
  return { level: open[1].length, textStart: start, textEnd: end };
}

export interface ListMarkerShape {
  bullet: boolean;
  /** Ordered items keep their number: only `1.` may interrupt a paragraph. */
  number?: number;
  /** Column where the item's content starts (the indent its continuation lines need). */
  contentColumn: number;
  /** Offset of the first content character (or the line end for an empty item). */
  contentStart: number;
  empty: boolean;
}

/**
 * Reads a list marker at `from` (the line's first non-blank character, or an item's content when
 * items nest on one line: `- - x`): `-`, `*`, `+`, or up to 9 digits and `.` or `)`, followed by a
 * blank or the line end. Columns count from the line start, tabs stopping at multiples of 4.
 */
export function listMarker(line: string, from = firstNonBlank(line)): ListMarkerShape | undefined {
  const first = line.charCodeAt(from);
  let markerEnd = from + 1;
  let number: number | undefined;
  if (first !== 45 /* - */ && first !== 42 /* * */ && first !== 43 /* + */) {
    while (markerEnd - from <= 9 && isDigit(line.charCodeAt(markerEnd - 1))) markerEnd++;
    const digits = markerEnd - 1 - from;
    const delimiter = line.charCodeAt(markerEnd - 1);
    if (digits === 0 || digits > 9 || (delimiter !== 46 /* . */ && delimiter !== 41) /* ) */) {
      return undefined;
    }
    number = Number(line.slice(from, markerEnd - 1));
  }
  if (markerEnd < line.length && !isBlank(line.charCodeAt(markerEnd))) return undefined;
  const markerEndColumn = columnAt(line, markerEnd);
  let contentStart = markerEnd;
  while (contentStart < line.length && isBlank(line.charCodeAt(contentStart))) contentStart++;
  const empty = contentStart === line.length;
  const gap = columnAt(line, contentStart) - markerEndColumn;
  // One to four blanks after the marker belong to it; more start indented code inside the item.
  const contentColumn = empty || gap > 4 ? markerEndColumn + 1 : markerEndColumn + gap;
  return { bullet: number === undefined, number, contentColumn, contentStart, empty };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Column of `offset` in `line`, tabs advancing to the next multiple of 4. */
export function columnAt(line: string, offset: number): number {
  let column = 0;
  for (let i = 0; i < offset; i++) {
    column = line.charCodeAt(i) === 9 ? column + 4 - (column % 4) : column + 1;
  }
  return column;
}

/** Offset of the first non-blank character, or the line length for a blank line. */
export function firstNonBlank(line: string): number {
  let i = 0;
  while (i < line.length && isBlank(line.charCodeAt(i))) i++;
  return i;
}

export function isBlankLine(line: string): boolean {
  return firstNonBlank(line) === line.length;
}

/** The trimmed text of a bullet item's first line (after `-`, `*` or `+`), as offsets. */
export function bulletItemText(line: string): { start: number; end: number } {
  const marker = listMarker(line);
  let start = marker ? marker.contentStart : firstNonBlank(line);
  let end = line.length;
  while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
  if (start > end) start = end;
  return { start, end };
}

export function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
