import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { Note, TableCell } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';
import { comparePositions, rangeWithin } from '../diagnostics/ranges';

/** Reading a note's text at ranges, so a fix can check the note still says what it fixes. */

const lineIndexes = new WeakMap<Note, LineIndex>();

export function lineIndexOf(note: Note): LineIndex {
  let lines = lineIndexes.get(note);
  if (!lines) {
    lines = new LineIndex(note.text);
    lineIndexes.set(note, lines);
  }
  return lines;
}

export function textAt(note: Note, range: Range): string {
  const lines = lineIndexOf(note);
  return note.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

export function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/**
 * The edit that makes a table cell show `name`: the cell's text, or the alias of the one link
 * it holds; undefined for a link without alias, whose target is the name (changing it would
 * point the link elsewhere).
 */
export function cellNameEdit(note: Note, cell: Range, name: string): TextEdit | undefined {
  const links = note.wikilinks.filter((link) => rangeWithin(link.range, cell));
  if (links.length === 0) return { range: cell, newText: name };
  if (links.length === 1 && links[0].alias) return { range: links[0].alias.range, newText: name };
  return undefined;
}

/** The cell of a table row whose text range is exactly `range`. */
export function cellAt(note: Note, range: Range): TableCell | undefined {
  for (const table of note.tables) {
    for (const row of table.rows) {
      if (row.range.start.line !== range.start.line) continue;
      const cell = row.cells.find((c) => sameRange(c.range, range));
      if (cell) return cell;
    }
  }
  return undefined;
}
