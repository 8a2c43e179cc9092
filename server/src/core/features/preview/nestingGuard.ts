/**
 * Guards the Markdown renderer against nesting no real note has. micromark re-walks every open
 * container (list item, block quote) on each line, and the HTML tree is walked recursively, so
 * a note nested a few thousand levels deep took 40 s to preview (a 2,000-level list) or overflowed
 * the stack (2,000 `>` or `<div>`), with the server answering nothing else meanwhile.
 */

/**
 * Columns of container prefix (indentation, `>`, list markers) a line keeps: 16 levels of a
 * two-space list or of `> `, beyond what any note of the test vaults uses.
 */
export const MAX_CONTAINER_COLUMNS = 32;

const TAB_WIDTH = 4;

/** The length (in characters) and width (in columns) of a line's container prefix. */
function containerPrefix(line: string): { length: number; columns: number; cut: number } {
  let columns = 0;
  let cut = -1;
  let at = 0;
  while (at < line.length) {
    const char = line[at];
    let width: number;
    if (char === ' ' || char === '>') width = 1;
    else if (char === '\t') width = TAB_WIDTH - (columns % TAB_WIDTH);
    else {
      // A list marker followed by a blank: `-`, `*`, `+`, `1.`, `1)`.
      const marker = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t])/.exec(line.slice(at, at + 11));
      if (!marker) break;
      width = marker[0].length;
    }
    if (cut < 0 && columns + width > MAX_CONTAINER_COLUMNS) cut = at;
    columns += width;
    at += char === ' ' || char === '>' || char === '\t' ? 1 : width;
  }
  return { length: at, columns, cut };
}

/**
 * Container columns a whole note may carry, summed over its lines (after the clamp): a note with
 * a few hundred list lines has a few thousand (the largest of the 1,800 test-vault notes, a
 * kb-dialect index, 4,374). micromark spends up to 0.15 ms per column on a loaded machine, so
 * past this budget the note is not rendered as Markdown at all.
 */
export const MAX_CONTAINER_WORK = 10_000;

/**
 * The Markdown with each line's container prefix shortened to {@link MAX_CONTAINER_COLUMNS}
 * (deeper lines render at the deepest kept level; lines keep their number, so `data-line` stays
 * the editor's line), or undefined when the note as a whole nests past
 * {@link MAX_CONTAINER_WORK}.
 */
export function limitNesting(markdown: string): string | undefined {
  let work = 0;
  let clamped = false;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const first = line.charCodeAt(0);
    // Most lines start with a letter, `|` or `#`: no container prefix to measure.
    if (
      line.length === 0 ||
      !(
        first === 32 ||
        first === 9 ||
        first === 62 ||
        first === 45 ||
        first === 42 ||
        first === 43 ||
        (first >= 48 && first <= 57)
      )
    )
      continue;
    const prefix = containerPrefix(line);
    work += Math.min(prefix.columns, MAX_CONTAINER_COLUMNS);
    if (work > MAX_CONTAINER_WORK) return undefined;
    if (prefix.cut >= 0) {
      lines[i] = line.slice(0, prefix.cut) + line.slice(prefix.length);
      clamped = true;
    }
  }
  return clamped ? lines.join('\n') : markdown;
}
