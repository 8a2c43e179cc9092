import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { Note, Table, TableCell, TableRow } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';
import { nameInStyle, rowStyle } from '../completion/tableRowWriting';
import { fixDataOf } from '../diagnostics/fixData';
import { comparePositions, rangeWithin } from '../diagnostics/ranges';
import { insertMitigationRows } from './mitigationRows';
import type { FixContext, NoteFix } from './types';

/** Fixes of the Mitigations table: missing mapped rows, wrong names, duplicate rows. */

/**
 * mitigation-missing: "Insert all N mapped mitigations" (the fix-all choice), then one action per
 * mitigation; with one missing mitigation, the one action.
 */
export function missingMitigationFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'mitigation-missing');
  if (!data) return [];
  const all = insertMitigationRows(context, data.ids);
  if (!all) return [];
  const fixes: NoteFix[] = [];
  const names = new Map(all.ids.map((id) => [id, context.kb.get(id)?.name ?? id]));
  if (all.ids.length > 1) {
    fixes.push({
      title: `Insert all ${all.ids.length} mapped mitigations`,
      code: 'mitigation-missing',
      unambiguous: true,
      isPreferred: true,
      edits: all.edits,
    });
  }
  for (const id of all.ids) {
    const one = insertMitigationRows(context, [id]);
    if (!one) continue;
    fixes.push({
      title: `Insert the mapped mitigation ${id} ${names.get(id)}`,
      code: 'mitigation-missing',
      unambiguous: all.ids.length === 1,
      isPreferred: all.ids.length === 1,
      edits: one.edits,
    });
  }
  return fixes;
}

/** The table row on a line, and the cell whose text is exactly `range`. */
function cellAt(
  note: Note,
  range: Range,
): { table: Table; row: TableRow; cell: TableCell } | undefined {
  for (const table of note.tables) {
    for (const row of table.rows) {
      if (row.range.start.line !== range.start.line) continue;
      const cell = row.cells.find(
        (c) =>
          comparePositions(c.range.start, range.start) === 0 &&
          comparePositions(c.range.end, range.end) === 0,
      );
      if (cell) return { table, row, cell };
    }
  }
  return undefined;
}

/** mitigation-name-mismatch: the Name cell (or its link's alias) becomes the ATT&CK name. */
export function nameMismatchFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'mitigation-name-mismatch');
  const found = data && cellAt(note, diagnostic.range);
  if (!data || !found) return [];
  const name = nameInStyle(data.name, rowStyle(note, found.table));
  const links = note.wikilinks.filter((link) => rangeWithin(link.range, found.cell.range));
  let edit: TextEdit;
  if (links.length === 0) {
    edit = { range: found.cell.range, newText: name };
  } else if (links.length === 1 && links[0].alias) {
    // A linked name keeps its link; only the text shown changes.
    edit = { range: links[0].alias.range, newText: name };
  } else {
    return []; // a link without alias: its target is the name, and changing it would repoint it
  }
  return [
    {
      title: `Name ${data.id} '${data.name}', as ATT&CK does`,
      code: 'mitigation-name-mismatch',
      unambiguous: true,
      isPreferred: true,
      edits: [edit],
    },
  ];
}

/**
 * mitigation-duplicate: deletes the duplicate row, its whole line. Without a choice only when the
 * row says nothing the first row does not: a different description is the author's text, and
 * which one to keep is theirs to decide.
 */
export function duplicateRowFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const first = diagnostic.relatedInformation?.find((related) => related.location.uri === note.uri);
  const rowOn = (line: number) =>
    note.tables.flatMap((t) => t.rows).find((row) => row.range.start.line === line);
  const row = rowOn(diagnostic.range.start.line);
  if (!row) return [];
  const firstRow = first ? rowOn(first.location.range.start.line) : undefined;
  const sameAsFirst =
    firstRow !== undefined &&
    firstRow !== row &&
    row.cells.length === firstRow.cells.length &&
    row.cells.every(
      (cell, i) => i === 0 || cell.text === firstRow.cells[i].text || cell.text === '',
    );
  const lines = new LineIndex(note.text);
  const line = row.range.start.line;
  // The line and the break after it; the last line of the text takes the break before it.
  const range =
    line + 1 < lines.lineCount
      ? lines.range(lines.lineStart(line), lines.lineStart(line + 1))
      : lines.range(lines.lineEnd(line - 1), lines.lineEnd(line));
  const where = firstRow ? ` (line ${firstRow.range.start.line + 1} has it)` : '';
  return [
    {
      title: `Delete the duplicate row${where}`,
      code: 'mitigation-duplicate',
      unambiguous: sameAsFirst,
      isPreferred: sameAsFirst,
      edits: [{ range, newText: '' }],
    },
  ];
}
