import type { Position, Range } from 'vscode-languageserver-types';
import type { LineIndex } from '../../text/lineIndex';

/**
 * Offset-to-position conversion for scanners that move forward through the text: it walks from
 * the previous answer instead of searching all line starts, which matters for notes with hundreds
 * of citations and links. Moving backwards still works (by a search).
 */
export class PositionCursor {
  private line = 0;

  constructor(private readonly lines: LineIndex) {}

  at(offset: number): Position {
    const lines = this.lines;
    if (offset < lines.lineStart(this.line)) this.line = lines.positionAt(offset).line;
    const last = lines.lineCount - 1;
    while (this.line < last && lines.lineStart(this.line + 1) <= offset) this.line++;
    return { line: this.line, character: offset - lines.lineStart(this.line) };
  }

  range(start: number, end: number): Range {
    return { start: this.at(start), end: this.at(end) };
  }
}
