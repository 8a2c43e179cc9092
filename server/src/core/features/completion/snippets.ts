/** Text placed in a snippet literally: `\`, `$` and `}` would otherwise be snippet syntax. */
export function snippetLiteral(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/**
 * The tab stops for `count` free cells: `$1`, `$2`, ... and `$0` last, so the cursor ends in the
 * last free cell (with one free cell, it is just `$0`).
 */
export function tabStops(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? '$0' : `$${i + 1}`));
}
