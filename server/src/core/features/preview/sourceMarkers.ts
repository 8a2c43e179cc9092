import type { Range } from 'vscode-languageserver-types';
import { LineIndex } from '../../text/lineIndex';
import type { Citation, Note, WikiLink } from '../../model/types';

/**
 * The note's text as the Markdown renderer sees it. Wikilinks and `(Citation: X)` are the model's
 * (found by the same scanners the rest of the server uses, outside code and comments); each is
 * replaced by a marker, a private-use character pair around its number, which Markdown reads as
 * plain text in any context: a `\|` alias inside a table cell can no longer split the cell, and
 * after sanitising the marker becomes the server's own link element. Front matter lines are
 * blanked. Only characters within a line change, so every line keeps its number and the rendered
 * elements' source lines are the editor's.
 */

export const MARKER_OPEN = '\uE000';
export const MARKER_CLOSE = '\uE001';
/** A marker as it appears in rendered text: its number is the index into `PreparedSource.marks`. */
export const MARKER_PATTERN = /\uE000(\d+)\uE001/g;
/** Marker characters written in the note itself, which must never read as markers. */
const STRAY_MARKER_CHARACTERS = /[\uE000\uE001]/g;

export type Mark = { kind: 'wikilink'; link: WikiLink } | { kind: 'citation'; citation: Citation };

export interface PreparedSource {
  markdown: string;
  /** What each marker stands for, by number. */
  marks: Mark[];
  /** The source text of each mark as written (to restore a marker that ends up in an attribute). */
  written: string[];
}

export function prepareSource(note: Note): PreparedSource {
  const lines = new LineIndex(note.text);
  const frontmatterEnd = note.frontmatter ? note.frontmatter.range.end.line : -1;
  const candidates: Array<{ range: Range; mark: Mark }> = [
    ...note.wikilinks
      .filter((link) => !splitsTableCell(link))
      .map((link) => ({
        range: link.range,
        mark: { kind: 'wikilink', link } as Mark,
      })),
    ...note.citations.map((citation) => ({
      range: citation.range,
      mark: { kind: 'citation', citation } as Mark,
    })),
  ]
    .filter(({ range }) => range.start.line === range.end.line && range.start.line > frontmatterEnd)
    .sort((a, b) => compare(a.range, b.range));

  const marks: Mark[] = [];
  const written: string[] = [];
  const parts: string[] = [];
  let copied = 0;
  if (note.frontmatter) {
    // Keep only the line breaks of the front matter block.
    const end = lines.lineStart(frontmatterEnd + 1);
    const block = frontmatterEnd + 1 >= lines.lineCount ? note.text : note.text.slice(0, end);
    parts.push(block.replace(/[^\r\n]+/g, ''));
    copied = frontmatterEnd + 1 >= lines.lineCount ? note.text.length : end;
  }
  for (const { range, mark } of candidates) {
    const start = lines.offsetAt(range.start);
    const end = lines.offsetAt(range.end);
    if (start < copied) continue; // overlaps the previous mark
    parts.push(clean(note.text.slice(copied, start)));
    parts.push(`${MARKER_OPEN}${marks.length}${MARKER_CLOSE}`);
    marks.push(mark);
    written.push(note.text.slice(start, end));
    copied = end;
  }
  parts.push(clean(note.text.slice(copied)));
  return { markdown: parts.join(''), marks, written };
}

/**
 * A link in a table row with a bare `|` before its alias: GFM (and Obsidian) split the cell there,
 * as the table-unescaped-pipe diagnostic says, so the preview shows the split row as written
 * rather than a link the table does not have.
 */
export function splitsTableCell(link: WikiLink): boolean {
  return link.inTable && link.alias !== undefined && !link.escapedPipe;
}

function clean(text: string): string {
  return text.replace(STRAY_MARKER_CHARACTERS, '\uFFFD');
}

function compare(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}
