import type { Nodes, Table as MdastTable, TableRow as MdastTableRow } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { LineIndex } from '../../text/lineIndex';
import type { Heading, ListItem, Table, TableCell, TableRow } from '../types';
import type { BlockProvider, BlockStructure } from './blockStructure';
import { atxHeading, bulletItemText } from './lineShapes';
import { rowFromLine, tableFromRows } from './tableBuild';

/**
 * The reference block provider: a full CommonMark + GFM parse (unified, remark-parse, remark-gfm)
 * read back into the model. About fifty times slower than `fastBlocks`, so it serves as the
 * yardstick the fast scanner is tested against, and as a fallback a caller can opt into.
 */
export const remarkBlocks: BlockProvider = (input) => {
  const bodyStart = input.lines.lineStart(input.bodyStartLine);
  const body = input.bodyStartLine < input.lines.lineCount ? input.text.slice(bodyStart) : '';
  const tree = processor().parse(body);
  const reader = new MdastReader(input.text, input.lines, bodyStart);
  reader.visit(tree, false);
  return reader.result;
};

let cachedProcessor: ReturnType<typeof createProcessor> | undefined;

function createProcessor() {
  return unified().use(remarkParse).use(remarkGfm).freeze();
}

function processor(): ReturnType<typeof createProcessor> {
  cachedProcessor ??= createProcessor();
  return cachedProcessor;
}

class MdastReader {
  readonly result: BlockStructure = {
    headings: [],
    tables: [],
    bulletItems: [],
    codeBlocks: [],
    inlineRuns: [],
  };

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    /** mdast offsets count from the start of the body we fed it, not of the note. */
    private readonly bodyStart: number,
  ) {}

  visit(node: Nodes, inQuote: boolean): void {
    switch (node.type) {
      case 'code':
        this.result.codeBlocks.push({
          startLine: this.line(node.position?.start.offset),
          endLine: this.lastLine(node.position?.end.offset),
        });
        return;
      case 'heading':
        if (!inQuote) this.addHeading(node.depth, node);
        return;
      case 'paragraph':
        if (!inQuote) this.addInlineRun(node.position?.start.offset, node.position?.end.offset);
        return;
      case 'table':
        if (!inQuote) this.result.tables.push(this.readTable(node));
        return;
      case 'list':
        for (const item of node.children) {
          if (!inQuote && !node.ordered) this.addBulletItem(this.line(item.position?.start.offset));
          for (const child of item.children) this.visit(child, inQuote);
        }
        return;
      case 'root':
      case 'footnoteDefinition':
        for (const child of node.children) this.visit(child, inQuote);
        return;
      case 'blockquote':
        for (const child of node.children) this.visit(child, true);
        return;
      default:
        return;
    }
  }

  private addHeading(level: number, node: Extract<Nodes, { type: 'heading' }>): void {
    const firstLine = this.line(node.position?.start.offset);
    const lastLine = this.line(node.position?.end.offset);
    let textStart: number;
    let textEnd: number;
    const children = node.children;
    if (children.length > 0) {
      textStart = this.offset(children[0].position?.start.offset);
      textEnd = this.offset(children[children.length - 1].position?.end.offset);
    } else {
      // An empty heading has no children to take a position from; read its source instead.
      const start = this.offset(node.position?.start.offset);
      const shape = atxHeading(this.text.slice(start, this.lines.lineEnd(firstLine)));
      textStart = start + (shape?.textStart ?? 0);
      textEnd = start + (shape?.textEnd ?? 0);
    }
    const heading: Heading = {
      level,
      text: this.text.slice(textStart, textEnd),
      range: this.lines.range(this.lines.lineStart(firstLine), this.lines.lineEnd(lastLine)),
      textRange: this.lines.range(textStart, textEnd),
    };
    this.result.headings.push(heading);
    // A setext heading's text (all but the underline) is inline content like a paragraph's.
    if (lastLine > firstLine)
      this.addInlineRun(node.position?.start.offset, node.position?.end.offset, 1);
  }

  private addInlineRun(start: number | undefined, end: number | undefined, underline = 0): void {
    const startLine = this.line(start);
    const endLine = this.line(end) - underline;
    if (endLine > startLine) this.result.inlineRuns.push({ startLine, endLine });
  }

  private readTable(node: MdastTable): Table {
    const [headerNode, ...bodyNodes] = node.children;
    const header = this.readRow(headerNode);
    // mdast has no node for the delimiter row: it is the line under the header.
    const delimiterLine = this.line(headerNode.position?.start.offset) + 1;
    const delimiter = rowFromLine(this.text, this.lines, delimiterLine);
    return tableFromRows(
      header,
      delimiter,
      bodyNodes.map((row) => this.readRow(row)),
    );
  }

  private readRow(node: MdastTableRow): TableRow {
    const rowStart = this.offset(node.position?.start.offset);
    const line = this.lines.positionAt(rowStart).line;
    // Empty cells have no children; the splitter knows where their middle is.
    const split = rowFromLine(this.text, this.lines, line, rowStart);
    const cells: TableCell[] = node.children.map((cell, index) => {
      const children = cell.children;
      if (children.length === 0) return split.cells[index] ?? emptyCellAt(this.lines, rowStart);
      const start = this.offset(children[0].position?.start.offset);
      const end = this.offset(children[children.length - 1].position?.end.offset);
      return { text: this.text.slice(start, end), range: this.lines.range(start, end) };
    });
    return { range: split.range, cells };
  }

  private addBulletItem(line: number): void {
    const lineStart = this.lines.lineStart(line);
    const source = this.lines.lineText(line);
    const text = bulletItemText(source);
    const item: ListItem = {
      text: source.slice(text.start, text.end),
      range: this.lines.range(lineStart, lineStart + source.length),
      textRange: this.lines.range(lineStart + text.start, lineStart + text.end),
    };
    this.result.bulletItems.push(item);
  }

  /** The line of an end offset; an end at the very start of a line means the line before. */
  private lastLine(bodyOffset: number | undefined): number {
    const end = this.lines.positionAt(this.offset(bodyOffset));
    return end.character === 0 && end.line > 0 ? end.line - 1 : end.line;
  }

  private offset(bodyOffset: number | undefined): number {
    return this.bodyStart + (bodyOffset ?? 0);
  }

  private line(bodyOffset: number | undefined): number {
    return this.lines.positionAt(this.offset(bodyOffset)).line;
  }
}

function emptyCellAt(lines: LineIndex, offset: number): TableCell {
  return { text: '', range: lines.range(offset, offset) };
}
