import type { LineIndex } from '../../text/lineIndex';
import type { Citation } from '../types';
import type { ExcludedRegions } from './excludedRegions';
import { PositionCursor } from './positionCursor';

const MARKER = '(Citation: ';

/**
 * ATT&CK's `(Citation: Source Name)` markers. The name is kept exactly as written: some ATT&CK
 * source names end in a space, and the reference line carries the same name.
 */
export function scanCitations(
  text: string,
  lines: LineIndex,
  excluded: ExcludedRegions,
): Citation[] {
  const citations: Citation[] = [];
  const positions = new PositionCursor(lines);
  // indexOf and a look for the closing parenthesis beat a global regex on long notes.
  for (let start = text.indexOf(MARKER); start !== -1; start = text.indexOf(MARKER, start + 1)) {
    const nameStart = start + MARKER.length;
    const close = text.indexOf(')', nameStart);
    if (close === -1) break;
    if (close === nameStart || hasLineBreak(text, nameStart, close) || excluded.contains(start)) {
      continue;
    }
    citations.push({
      range: positions.range(start, close + 1),
      name: { text: text.slice(nameStart, close), range: positions.range(nameStart, close) },
    });
    start = close;
  }
  return citations;
}

/** Names are short, so checking their characters beats searching the rest of the note. */
function hasLineBreak(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return true;
  }
  return false;
}
