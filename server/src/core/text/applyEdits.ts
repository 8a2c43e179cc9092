import type { Position, TextEdit } from 'vscode-languageserver-types';
import { LineIndex } from './lineIndex';

/**
 * Applies LSP text edits to a text, as an editor would: positions refer to the text before any
 * edit, edits must not overlap, and inserts at one position keep their order. A text that starts
 * with a byte order mark keeps it, and positions count from after it, as in the note model
 * (parseNote strips the mark; editors never show it).
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const bom = text.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const body = bom ? text.slice(1) : text;
  const lines = new LineIndex(body);
  const located = edits
    .map((edit, order) => ({
      start: offsetOf(lines, edit.range.start),
      end: offsetOf(lines, edit.range.end),
      newText: edit.newText,
      order,
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  const parts: string[] = [];
  let at = 0;
  for (const edit of located) {
    if (edit.end < edit.start) throw new Error('An edit ends before it starts');
    if (edit.start < at) throw new Error('Two edits overlap');
    parts.push(body.slice(at, edit.start), edit.newText);
    at = edit.end;
  }
  parts.push(body.slice(at));
  return bom + parts.join('');
}

/**
 * The offset of a position; a character beyond its line's end is an error here rather than
 * clamped, since an edit computed for another text must not land somewhere near.
 */
function offsetOf(lines: LineIndex, position: Position): number {
  if (position.line < 0 || position.character < 0) throw new Error('A negative position');
  if (position.line >= lines.lineCount) {
    throw new Error(`Line ${position.line} is beyond the text's ${lines.lineCount} lines`);
  }
  const start = lines.lineStart(position.line);
  if (start + position.character > lines.lineEnd(position.line)) {
    throw new Error(`Character ${position.character} is beyond the end of line ${position.line}`);
  }
  return start + position.character;
}

/** The line break a text uses (its first one), so inserted lines match; `\n` for one line. */
export function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr !== -1 && (lf === -1 || cr < lf)) return lf === cr + 1 ? '\r\n' : '\r';
  return '\n';
}
