import type { LineIndex } from '../../text/lineIndex';
import type { Heading, ListItem, Table, TableRow } from '../types';
import type { BlockInput, BlockProvider, BlockStructure, LineSpan } from './blockStructure';
import { htmlBlockEndsOnStartLine, htmlBlockStart, type HtmlBlockKind } from './htmlBlockStart';
import {
  atxHeading,
  bulletItemText,
  columnAt,
  firstNonBlank,
  listMarker,
  type ListMarkerShape,
} from './lineShapes';
import { lineRange } from './lineRange';
import {
  canInterruptParagraph,
  endsInParagraph,
  FENCE_CLOSE,
  FENCE_OPEN,
  FOOTNOTE_DEFINITION,
  mayStartBlock,
  QUOTE_MARKER,
  SETEXT_UNDERLINE,
  THEMATIC_BREAK,
} from './blockStarts';
import { rowFromLine, tableFromRows } from './tableBuild';
import { hasCellPipe, isDelimiterRow, splitTableRow } from './tableRow';

/**
 * The default block provider: one pass over the lines with just enough CommonMark/GFM state
 * (open paragraph, list and footnote containers, fences, HTML blocks, block quotes, tables) to find
 * the same headings, tables, bullet items and code blocks as remark, at a fraction of the cost.
 * The differential test over both vaults holds it to remark's answers.
 */
export const fastBlocks: BlockProvider = (input) => new FastBlockScanner(input).scan();

interface OpenParagraph {
  /** Offset of the paragraph's first character (a setext heading's text starts here). */
  start: number;
  startLine: number;
  depth: number;
  /** Offset where the paragraph's latest line starts (a table header, if a delimiter row follows). */
  lastLineStart: number;
  lastLine: number;
}

interface OpenFence {
  marker: string;
  length: number;
  startLine: number;
  depth: number;
  inQuote: boolean;
}

interface OpenTable {
  header: TableRow;
  delimiter: TableRow;
  rows: TableRow[];
  depth: number;
}

class FastBlockScanner {
  private readonly text: string;
  private readonly lines: LineIndex;
  private readonly bodyStartLine: number;
  private readonly result: BlockStructure = {
    headings: [],
    tables: [],
    bulletItems: [],
    codeBlocks: [],
    inlineRuns: [],
  };
  /** Content columns of the open list items and footnote definitions, innermost last. */
  private readonly containers: number[] = [];
  private paragraph?: OpenParagraph;
  private table?: OpenTable;
  private fence?: OpenFence;
  private html?: { kind: HtmlBlockKind; depth: number };
  private indentedCode?: { startLine: number; lastLine: number; openedByClosing: boolean };
  /** The previous line was paragraph text in a block quote, so plain text continues the quote. */
  private quoteParagraph = false;
  /** The previous line belonged to a block quote. */
  private quoteLineBefore = false;
  /** Container depth of an empty list item that a blank line ended, else -1. */
  private endedItemDepth = -1;
  /** Container depth of a list item opened empty on the previous line, else -1. */
  private emptyItemDepth = -1;
  /** The line being read follows an indented code block. */
  private afterIndentedCode = false;

  constructor(input: BlockInput) {
    this.text = input.text;
    this.lines = input.lines;
    this.bodyStartLine = input.bodyStartLine;
  }

  scan(): BlockStructure {
    const lineCount = this.lines.lineCount;
    for (let line = this.bodyStartLine; line < lineCount; line++) this.scanLine(line);
    this.endParagraph();
    this.endTable();
    this.endIndentedCode();
    // An unclosed fence runs to the end of the text; a final line break ends the last line.
    if (this.fence) {
      const lastLine = lineCount - 1;
      this.endFence(lastLine > 0 && this.lines.lineText(lastLine) === '' ? lastLine - 1 : lastLine);
    }
    return this.result;
  }

  private scanLine(line: number): void {
    const lineStart = this.lines.lineStart(line);
    const source = this.text.slice(lineStart, this.lines.lineEnd(line));
    const first = firstNonBlank(source);
    const blank = first === source.length;
    const column = columnAt(source, first);
    if (this.fence && this.continueFence(line, source, blank, column)) return;
    if (this.html && this.continueHtml(source, blank, column)) return;
    // A block quote is a container too: a line after one (not continuing it) closes it.
    const quoteBefore = this.quoteLineBefore;
    this.quoteLineBefore = false;
    if (blank) {
      this.endParagraph();
      this.quoteParagraph = false;
      this.endTable();
      // A list item may begin with at most one blank line: an empty item followed by one is over,
      // and the next line closes it.
      if (this.emptyItemDepth === this.containers.length) this.endedItemDepth = this.emptyItemDepth;
      this.emptyItemDepth = -1;
      return;
    }
    this.emptyItemDepth = -1;
    const content = source.slice(first);
    let depth = this.depthFor(column);
    if (this.endedItemDepth !== -1) {
      depth = Math.min(depth, this.endedItemDepth - 1);
      this.endedItemDepth = -1;
    }
    const indentedAsCode = column - this.baseColumn(depth) >= 4;
    if (this.quoteParagraph) {
      this.quoteParagraph = false;
      const kind = indentedAsCode ? 'continuation' : this.lazyLineKind(content, source);
      // Text continues the quote's paragraph; a lone tag line joins the quote as HTML (micromark).
      if (kind === 'continuation') this.quoteParagraph = true;
      if (kind !== 'block') {
        this.quoteLineBefore = true;
        return;
      }
    }
    if (depth < this.containers.length && this.paragraph) {
      // A less indented line that only continues a paragraph stays in it ("lazy" continuation).
      const kind = indentedAsCode ? 'continuation' : this.lazyLineKind(content, source);
      if (kind === 'continuation') {
        this.continueParagraph(line, lineStart + first);
        return;
      }
      if (kind === 'tag-line') {
        // micromark keeps a lone tag line in the paragraph's container, as an HTML block there.
        this.endParagraph();
        this.html = { kind: { endsAtBlankLine: true }, depth: this.containers.length };
        return;
      }
    }
    const closing = depth < this.containers.length || quoteBefore;
    if (closing) this.closeContainers(depth);
    depth = this.containers.length;
    if (column - this.baseColumn(depth) >= 4) {
      // A table ends at an indented line, which (with no paragraph open) is code.
      this.endTable();
      if (this.paragraph) this.continueParagraph(line, lineStart + first);
      else this.extendIndentedCode(line, closing);
      return;
    }
    // micromark reads the line after indented code (even after blank lines) as if it interrupted a
    // paragraph, so `2.` or an empty item cannot start a list there; not so when the code began on
    // a line that closed list items (observed, and pinned by the differential tests).
    this.afterIndentedCode = this.indentedCode !== undefined && !this.indentedCode.openedByClosing;
    this.endIndentedCode();
    this.scanBlockStart(line, lineStart, source, first, depth);
  }

  private scanBlockStart(
    line: number,
    lineStart: number,
    source: string,
    first: number,
    depth: number,
  ): void {
    const content = source.slice(first);
    // Most lines are running text or table rows: skip the block checks when the first character
    // cannot open a block.
    if (!mayStartBlock(content.charCodeAt(0))) {
      return this.textLine(line, lineStart + first, content, depth);
    }
    if (content.charCodeAt(0) === 62 /* > */) return this.quoteLine(line, content);
    const heading = atxHeading(content);
    if (heading) {
      this.closeParagraphAndTable();
      const start = lineStart + first;
      this.addHeading(
        heading.level,
        line,
        line,
        start + heading.textStart,
        start + heading.textEnd,
      );
      return;
    }
    const fence = FENCE_OPEN.exec(content);
    if (fence && !(fence[1][0] === '`' && fence[2].includes('`'))) {
      this.closeParagraphAndTable();
      this.fence = {
        marker: fence[1][0],
        length: fence[1].length,
        startLine: line,
        depth,
        inQuote: false,
      };
      return;
    }
    const paragraph = this.paragraph;
    if (paragraph && !this.table && paragraph.depth === depth && SETEXT_UNDERLINE.test(content)) {
      this.addSetextHeading(paragraph, line, content[0] === '=' ? 1 : 2);
      return;
    }
    if (THEMATIC_BREAK.test(content)) return this.closeParagraphAndTable();
    const marker = listMarker(source, first);
    // Any list marker ends a table; only some may interrupt a paragraph.
    if (marker && ((!this.paragraph && !this.afterIndentedCode) || canInterruptParagraph(marker))) {
      return this.listItemLine(line, lineStart, source, marker);
    }
    if (FOOTNOTE_DEFINITION.test(content)) {
      this.closeParagraphAndTable();
      this.containers.push(this.baseColumn(depth) + 4);
      const labelEnd = content.indexOf(']:') + 2;
      const rest = firstNonBlank(content.slice(labelEnd)) + labelEnd;
      if (rest < content.length) this.startParagraph(line, lineStart + first + rest);
      return;
    }
    const html = htmlBlockStart(content, this.paragraph !== undefined);
    if (html) {
      this.closeParagraphAndTable();
      if (!htmlBlockEndsOnStartLine(html, content)) this.html = { kind: html, depth };
      return;
    }
    this.textLine(line, lineStart + first, content, depth);
  }

  private textLine(line: number, contentStart: number, content: string, depth: number): void {
    if (this.table) {
      this.table.rows.push(rowFromLine(this.text, this.lines, line));
      return;
    }
    const paragraph = this.paragraph;
    if (
      paragraph &&
      paragraph.depth === depth &&
      isDelimiterRow(content) &&
      !this.indentedAsCode(line - 1, paragraph.lastLineStart, depth)
    ) {
      const headerText = this.text.slice(paragraph.lastLineStart, this.lines.lineEnd(line - 1));
      const headerCells = splitTableRow(headerText).length;
      // GFM: the header and delimiter rows must have the same number of cells.
      if (
        headerCells === splitTableRow(content).length &&
        (hasCellPipe(headerText) || hasCellPipe(content))
      ) {
        this.endParagraph(line - 2);
        this.table = {
          header: rowFromLine(this.text, this.lines, line - 1, paragraph.lastLineStart),
          delimiter: rowFromLine(this.text, this.lines, line),
          rows: [],
          depth,
        };
        return;
      }
    }
    if (paragraph) this.continueParagraph(line, contentStart);
    else this.startParagraph(line, contentStart);
  }

  private listItemLine(
    line: number,
    lineStart: number,
    source: string,
    marker: ListMarkerShape,
  ): void {
    this.closeParagraphAndTable();
    this.containers.push(marker.contentColumn);
    if (marker.empty) this.emptyItemDepth = this.containers.length;
    if (marker.bullet) this.addBulletItem(line, source);
    if (marker.empty) return;
    // The item's first line is a block of its own: a paragraph mostly, but `- # x` or `- - x` too.
    if (columnAt(source, marker.contentStart) - marker.contentColumn >= 4) {
      this.extendIndentedCode(line);
      return;
    }
    this.scanBlockStart(line, lineStart, source, marker.contentStart, this.containers.length);
  }

  /** Block quotes hold no structure we report (see BlockStructure), only code fences to skip. */
  private quoteLine(line: number, source: string): void {
    this.closeParagraphAndTable();
    this.quoteLineBefore = true;
    let inner = source;
    let marker = QUOTE_MARKER.exec(inner);
    while (marker) {
      inner = inner.slice(marker[0].length);
      marker = QUOTE_MARKER.exec(inner);
    }
    const content = inner.slice(firstNonBlank(inner));
    const fence = FENCE_OPEN.exec(content);
    if (fence && columnAt(inner, firstNonBlank(inner)) < 4) {
      this.fence = {
        marker: fence[1][0],
        length: fence[1].length,
        startLine: line,
        depth: this.containers.length,
        inQuote: true,
      };
      return;
    }
    this.quoteParagraph = endsInParagraph(inner);
  }

  /**
   * What a line does to a paragraph that sits in a container (list item, quote) the line does not
   * reach: continue it lazily, open a block (any list item, even `2.` or an empty one, may do so
   * here), or, for a lone tag line such as `<span>`, become an HTML block in that container.
   */
  private lazyLineKind(content: string, source: string): 'continuation' | 'block' | 'tag-line' {
    const first = content.charCodeAt(0);
    if (!mayStartBlock(first)) return 'continuation';
    if (first === 62 /* > */) return 'block';
    if (atxHeading(content) || FENCE_OPEN.test(content) || THEMATIC_BREAK.test(content)) {
      return 'block';
    }
    if (listMarker(source, source.length - content.length)) return 'block';
    if (FOOTNOTE_DEFINITION.test(content)) return 'block';
    const html = htmlBlockStart(content, false);
    if (!html) return 'continuation';
    return html.genericTag ? 'tag-line' : 'block';
  }

  private continueFence(line: number, source: string, blank: boolean, column: number): boolean {
    const fence = this.fence as OpenFence;
    let inner = source;
    if (fence.inQuote) {
      const marker = QUOTE_MARKER.exec(source);
      if (!marker) {
        this.endFence(line - 1);
        return false;
      }
      inner = source.slice(marker[0].length);
    } else if (fence.depth > 0 && !blank && column < this.containers[fence.depth - 1]) {
      this.endFence(line - 1);
      return false;
    }
    const base = fence.inQuote ? 0 : this.baseColumn(fence.depth);
    const relative = fence.inQuote ? inner : source.slice(Math.min(base, firstNonBlank(source)));
    const close = FENCE_CLOSE.exec(relative);
    if (close && close[1][0] === fence.marker && close[1].length >= fence.length) {
      this.endFence(line);
    }
    return true;
  }

  private endFence(lastLine: number): void {
    const fence = this.fence as OpenFence;
    this.result.codeBlocks.push({ startLine: fence.startLine, endLine: lastLine });
    this.fence = undefined;
  }

  private continueHtml(source: string, blank: boolean, column: number): boolean {
    const html = this.html as { kind: HtmlBlockKind; depth: number };
    if (blank && html.kind.endsAtBlankLine) {
      this.html = undefined;
      return false;
    }
    if (html.depth > 0 && !blank && column < this.containers[html.depth - 1]) {
      this.html = undefined;
      return false;
    }
    if (html.kind.endsWith && html.kind.endsWith.test(source)) this.html = undefined;
    return true;
  }

  private extendIndentedCode(line: number, openedByClosing = false): void {
    // micromark ends code that began on a line closing a container with that line: what follows,
    // even if indented, is a new code block (observed; the differential tests pin it).
    if (this.indentedCode?.openedByClosing) this.endIndentedCode();
    if (this.indentedCode) this.indentedCode.lastLine = line;
    else this.indentedCode = { startLine: line, lastLine: line, openedByClosing };
  }

  private endIndentedCode(): void {
    const code = this.indentedCode;
    if (!code) return;
    const span: LineSpan = { startLine: code.startLine, endLine: code.lastLine };
    this.result.codeBlocks.push(span);
    this.indentedCode = undefined;
  }

  private startParagraph(line: number, start: number): void {
    this.paragraph = {
      start,
      startLine: line,
      depth: this.containers.length,
      lastLineStart: start,
      lastLine: line,
    };
  }

  private continueParagraph(line: number, start: number): void {
    if (!this.paragraph) return this.startParagraph(line, start);
    this.paragraph.lastLineStart = start;
    this.paragraph.lastLine = line;
  }

  /** Closes the open paragraph, recording it when its inline content spans lines. */
  private endParagraph(lastLine = this.paragraph?.lastLine): void {
    const paragraph = this.paragraph;
    if (paragraph && lastLine !== undefined && lastLine > paragraph.startLine) {
      this.result.inlineRuns.push({ startLine: paragraph.startLine, endLine: lastLine });
    }
    this.paragraph = undefined;
  }

  private closeParagraphAndTable(): void {
    this.endParagraph();
    this.endTable();
  }

  private endTable(): void {
    const table = this.table;
    if (!table) return;
    const built: Table = tableFromRows(table.header, table.delimiter, table.rows);
    this.result.tables.push(built);
    this.table = undefined;
  }

  private closeContainers(depth: number): void {
    this.closeParagraphAndTable();
    this.endIndentedCode();
    this.containers.length = depth;
  }

  /** How many open containers a line starting at `column` stays inside. */
  private depthFor(column: number): number {
    let depth = 0;
    while (depth < this.containers.length && this.containers[depth] <= column) depth++;
    return depth;
  }

  /** Whether the text at `offset` on `line` is indented 4+ columns into its container (code-like). */
  private indentedAsCode(line: number, offset: number, depth: number): boolean {
    const lineStart = this.lines.lineStart(line);
    const column = columnAt(this.text.slice(lineStart, offset), offset - lineStart);
    return column - this.baseColumn(depth) >= 4;
  }

  private baseColumn(depth: number): number {
    return depth > 0 ? this.containers[depth - 1] : 0;
  }

  private addHeading(
    level: number,
    firstLine: number,
    lastLine: number,
    textStart: number,
    textEnd: number,
  ): void {
    const heading: Heading = {
      level,
      text: this.text.slice(textStart, textEnd),
      range: this.lines.range(this.lines.lineStart(firstLine), this.lines.lineEnd(lastLine)),
      textRange: this.lines.range(textStart, textEnd),
    };
    this.result.headings.push(heading);
  }

  private addSetextHeading(paragraph: OpenParagraph, underline: number, level: number): void {
    let textEnd = this.lines.lineEnd(underline - 1);
    while (textEnd > paragraph.start && /[ \t]/.test(this.text[textEnd - 1])) textEnd--;
    const firstLine = this.lines.positionAt(paragraph.start).line;
    this.addHeading(level, firstLine, underline, paragraph.start, textEnd);
    this.endParagraph();
  }

  private addBulletItem(line: number, source: string): void {
    const text = bulletItemText(source);
    const item: ListItem = {
      text: source.slice(text.start, text.end),
      range: lineRange(line, 0, source.length),
      textRange: lineRange(line, text.start, text.end),
    };
    this.result.bulletItems.push(item);
  }
}
