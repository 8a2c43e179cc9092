import type { Diagnostic } from 'vscode-languageserver-types';
import type { Note, TableRow } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';
import { nameInStyle, rowStyle } from '../completion/tableRowWriting';
import { fixDataOf } from '../diagnostics/fixData';
import { rangeWithin } from '../diagnostics/ranges';
import { insertMitigationRows } from './mitigationRows';
import { cellAt, cellNameEdit } from './noteText';
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

/** mitigation-name-mismatch: the Name cell (or its link's alias) becomes the ATT&CK name. */
export function nameMismatchFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'mitigation-name-mismatch');
  const cell = data && cellAt(note, diagnostic.range);
  const table = cell && note.tables.find((t) => rangeWithin(cell.range, t.range));
  if (!data || !cell || !table) return [];
  const edit = cellNameEdit(note, cell.range, nameInStyle(data.name, rowStyle(note, table)));
  if (!edit) return [];
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
  const { rowsByLine, lines } = noteLookups(note);
  const rowOn = (line: number) => rowsByLine.get(line);
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

/**
 * The note's table rows by line and its line index, built once per (immutable) note: fix-all
 * asks for each duplicate row, and a 5,000-row table made that quadratic (14 s of CPU).
 */
function noteLookups(note: Note): { rowsByLine: Map<number, TableRow>; lines: LineIndex } {
  let found = lookups.get(note);
  if (!found) {
    const rowsByLine = new Map<number, TableRow>();
    for (const table of note.tables)
      for (const row of table.rows)
        if (!rowsByLine.has(row.range.start.line)) rowsByLine.set(row.range.start.line, row);
    found = { rowsByLine, lines: new LineIndex(note.text) };
    lookups.set(note, found);
  }
  return found;
}

const lookups = new WeakMap<Note, { rowsByLine: Map<number, TableRow>; lines: LineIndex }>();
