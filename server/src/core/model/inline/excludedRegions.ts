import type { LineIndex } from '../../text/lineIndex';
import type { LineSpan } from '../blocks/blockStructure';

/** A half-open span of note offsets, `[start, end)`. */
export interface OffsetSpan {
  start: number;
  end: number;
}

/**
 * Where inline scanning must not look: the front matter, code blocks and HTML comments.
 * Comments are found here rather than by the block providers, so both providers exclude
 * exactly the same text; directive comments are read from `comments` by the directive scanner.
 */
export class ExcludedRegions {
  /** Sorted, non-overlapping. */
  private readonly spans: OffsetSpan[] = [];
  readonly comments: OffsetSpan[] = [];

  constructor(text: string, lines: LineIndex, bodyStart: number, codeBlocks: LineSpan[]) {
    const code = codeBlocks
      .map((block) => ({
        start: lines.lineStart(block.startLine),
        end: lines.lineEnd(block.endLine),
      }))
      .sort((a, b) => a.start - b.start);
    if (bodyStart > 0) this.spans.push({ start: 0, end: bodyStart });
    let codeIndex = 0;
    let from = bodyStart;
    for (;;) {
      const open = text.indexOf('<!--', from);
      while (codeIndex < code.length && code[codeIndex].end <= (open === -1 ? text.length : open)) {
        this.spans.push(code[codeIndex++]);
      }
      if (open === -1) break;
      if (codeIndex < code.length && code[codeIndex].start <= open) {
        // The `<!--` is inside a code block: resume after the block.
        from = code[codeIndex].end;
        continue;
      }
      // `<!-->` and `<!--->` are complete comments, so the close may overlap the opener's dashes.
      const close = text.indexOf('-->', open + 2);
      const end = close === -1 ? text.length : close + 3;
      const comment = { start: open, end };
      this.comments.push(comment);
      this.spans.push(comment);
      from = end;
      while (codeIndex < code.length && code[codeIndex].start < end) codeIndex++;
    }
    while (codeIndex < code.length) this.spans.push(code[codeIndex++]);
  }

  /** True when `offset` lies in an excluded span. */
  contains(offset: number): boolean {
    let low = 0;
    let high = this.spans.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = this.spans[mid];
      if (offset < span.start) high = mid - 1;
      else if (offset >= span.end) low = mid + 1;
      else return true;
    }
    return false;
  }
}
