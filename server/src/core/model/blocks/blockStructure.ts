import type { Heading, ListItem, Table } from '../types';
import type { LineIndex } from '../../text/lineIndex';

/** Lines `startLine..endLine` (inclusive) whose text inline scanning must skip (code blocks). */
export interface LineSpan {
  startLine: number;
  endLine: number;
}

/**
 * What a block provider finds in a note body: the structure that needs a Markdown block parser.
 * Everything else (links, citations, footnotes, directives) is found by the shared inline scanners,
 * so the two providers can only disagree on what is written here.
 *
 * Scope, identical for both providers: headings, tables and bullet items of the document and of list
 * items and footnote definitions; nothing inside block quotes (callouts hold only footnote definitions,
 * which the inline layer reads line by line). Code blocks are reported everywhere, block quotes included.
 */
export interface BlockStructure {
  headings: Heading[];
  /** Tables without `sectionIndex` (sections are built afterwards). */
  tables: Table[];
  /** Bullet (`-`, `*`, `+`) list items, in document order, one per item's first line. */
  bulletItems: ListItem[];
  /** Fenced and indented code blocks, in document order. */
  codeBlocks: LineSpan[];
  /**
   * Paragraphs (and setext heading texts) that span several lines, in document order: a code span
   * may run from one of their lines to the next, but never beyond them.
   */
  inlineRuns: LineSpan[];
}

/** The note text with its line index, and the first line after the front matter. */
export interface BlockInput {
  text: string;
  lines: LineIndex;
  bodyStartLine: number;
}

export type BlockProvider = (input: BlockInput) => BlockStructure;
