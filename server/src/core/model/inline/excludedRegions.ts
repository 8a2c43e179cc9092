import type { LineIndex } from '../../text/lineIndex';
import type { BlockStructure, LineSpan } from '../blocks/blockStructure';

/** A half-open span of note offsets, `[start, end)`. */
export interface OffsetSpan {
  start: number;
  end: number;
}

/**
 * Where inline scanning must not look: the front matter, code blocks and HTML comments. Comments
 * are found here rather than by the block providers, so both providers exclude exactly the same
 * text; directive comments are read from `comments` by the directive scanner.
 *
 * Code spans are read too, left to right with comments as CommonMark does, because a `<!--` inside
 * a code span opens no comment (else a note mentioning `<!--` would lose everything after it). Their
 * contents stay visible to the scanners: the generated kb vault wraps real links in backticks
 * (`[[...S0110-at\|at]]`). In a table row a code span ends with its cell, since GFM
 * splits cells first; elsewhere it may continue onto the next lines of its paragraph (`inlineRuns`).
 */
export class ExcludedRegions {
  /** Sorted, non-overlapping. */
  private readonly spans: OffsetSpan[] = [];
  readonly comments: OffsetSpan[] = [];
  /** Code spans, in document order (not excluded; see above). */
  readonly codeSpans: OffsetSpan[] = [];
  private readonly inlineRuns: readonly LineSpan[];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    bodyStart: number,
    structure: Pick<BlockStructure, 'codeBlocks' | 'inlineRuns'>,
    private readonly tableLines: ReadonlySet<number>,
  ) {
    this.inlineRuns = structure.inlineRuns;
    const blocks = structure.codeBlocks
      .map((block) => ({
        start: lines.lineStart(block.startLine),
        end: lines.lineEnd(block.endLine),
      }))
      .sort((a, b) => a.start - b.start);
    if (bodyStart > 0) this.spans.push({ start: 0, end: bodyStart });
    let blockIndex = 0;
    let nextComment = text.indexOf('<!--', bodyStart);
    let nextTick = text.indexOf('`', bodyStart);
    while (nextComment !== -1 || nextTick !== -1) {
      const next =
        nextComment === -1 || (nextTick !== -1 && nextTick < nextComment) ? nextTick : nextComment;
      while (blockIndex < blocks.length && blocks[blockIndex].end <= next)
        this.spans.push(blocks[blockIndex++]);
      let resume: number;
      if (blockIndex < blocks.length && blocks[blockIndex].start <= next) {
        // Inside a code block: nothing there is a comment or a span.
        resume = blocks[blockIndex].end;
      } else if (isEscaped(text, next)) {
        resume = next + 1;
      } else if (next === nextComment) {
        resume = this.addComment(next);
      } else {
        resume = this.addCodeSpan(next);
      }
      while (blockIndex < blocks.length && blocks[blockIndex].start < resume) {
        // A comment may run over a code block; the block is then inside the comment's span.
        if (blocks[blockIndex].end > resume) resume = blocks[blockIndex].end;
        if (
          this.spans.length === 0 ||
          this.spans[this.spans.length - 1].end < blocks[blockIndex].end
        ) {
          this.spans.push({
            start: Math.max(blocks[blockIndex].start, this.lastEnd()),
            end: blocks[blockIndex].end,
          });
        }
        blockIndex++;
      }
      if (nextComment !== -1 && nextComment < resume) nextComment = text.indexOf('<!--', resume);
      if (nextTick !== -1 && nextTick < resume) nextTick = text.indexOf('`', resume);
    }
    while (blockIndex < blocks.length) this.spans.push(blocks[blockIndex++]);
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

  /** Records the comment opening at `open`; returns where scanning resumes. */
  private addComment(open: number): number {
    // `<!-->` and `<!--->` are complete comments, so the close may overlap the opener's dashes.
    const close = this.text.indexOf('-->', open + 2);
    const end = close === -1 ? this.text.length : close + 3;
    const comment = { start: open, end };
    this.comments.push(comment);
    this.spans.push(comment);
    return end;
  }

  /**
   * Records the code span opened by the backtick run at `open`, if a run of the same length closes
   * it on the same line (and in the same table cell); returns where scanning resumes.
   */
  private addCodeSpan(open: number): number {
    const text = this.text;
    const line = this.lines.positionAt(open).line;
    let limit = this.lines.lineEnd(this.inlineRunEnd(line));
    if (this.tableLines.has(line)) limit = Math.min(limit, nextCellPipe(text, open, limit));
    const length = runLength(text, open);
    for (let close = text.indexOf('`', open + length); close !== -1 && close < limit;) {
      const closeLength = runLength(text, close);
      if (closeLength === length) {
        const span = { start: open, end: close + length };
        this.codeSpans.push(span);
        return close + length;
      }
      close = text.indexOf('`', close + closeLength);
    }
    // No closing run: the backticks are literal text.
    return open + length;
  }

  /** The last line of the paragraph `line` is in, or `line` itself. */
  private inlineRunEnd(line: number): number {
    const runs = this.inlineRuns;
    let low = 0;
    let high = runs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (line < runs[mid].startLine) high = mid - 1;
      else if (line > runs[mid].endLine) low = mid + 1;
      else return runs[mid].endLine;
    }
    return line;
  }

  private lastEnd(): number {
    return this.spans.length > 0 ? this.spans[this.spans.length - 1].end : 0;
  }
}

function runLength(text: string, start: number): number {
  let end = start;
  while (text.charCodeAt(end) === 96 /* ` */) end++;
  return end - start;
}

/** A character preceded by an odd run of backslashes is escaped. */
function isEscaped(text: string, offset: number): boolean {
  let backslashes = 0;
  while (offset - backslashes - 1 >= 0 && text.charCodeAt(offset - backslashes - 1) === 92)
    backslashes++;
  return backslashes % 2 === 1;
}

/** The first unescaped `|` after `from` (before `limit`), where GFM ends the cell. */
function nextCellPipe(text: string, from: number, limit: number): number {
  for (
    let pipe = text.indexOf('|', from);
    pipe !== -1 && pipe < limit;
    pipe = text.indexOf('|', pipe + 1)
  ) {
    if (!isEscaped(text, pipe)) return pipe;
  }
  return limit;
}
