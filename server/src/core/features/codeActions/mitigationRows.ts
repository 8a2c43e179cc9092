import type { Position, TextEdit } from 'vscode-languageserver-types';
import { normaliseId } from '../../kb/names';
import type { AttackObject } from '../../kb/types';
import type { Note, Section } from '../../model/types';
import { lineBreakOf } from '../../text/applyEdits';
import { LineIndex } from '../../text/lineIndex';
import { objectLinkTarget, wikilinkText } from '../completion/linkWriting';
import { mitigationCandidates as rankedMitigations } from '../completion/mitigations';
import {
  columnsOf,
  nameInStyle,
  rowStyle,
  type Column,
  type RowStyle,
} from '../completion/tableRowWriting';
import { idTables, isMitigationMapping, rowId, type IdTable } from '../diagnostics/idTables';
import { computeNoteFacts, sectionsNamed, type NoteFacts } from '../diagnostics/noteFacts';
import type { FixContext } from './types';

/**
 * Rows of a technique's Mitigations table, written as the table writes them: the ID cell as a
 * link in the note's style (`\|` escaped), the ATT&CK name, the other cells empty for the author
 * (never ATT&CK's prose). Shared by the mitigation-missing fixes and the Insert Mitigation Row
 * command.
 */

export interface MitigationChoice {
  id: string;
  name: string;
  /** ATT&CK maps the mitigation to the note's technique. */
  mapped: boolean;
}

export interface RowInsertion {
  /** One edit: every row of the table goes in at once. */
  edits: TextEdit[];
  /** The IDs whose rows are inserted, in ID order. */
  ids: string[];
  /** With exactly one row: its Description (first free) cell, in the text after the edit. */
  cursor?: Position;
}

/** The note's own kind and facts, when it is a technique note. */
function techniqueFacts(context: FixContext): NoteFacts | undefined {
  const facts = computeNoteFacts(context.note, context.kb);
  return facts.ownKind === 'technique' ? facts : undefined;
}

function mitigationTable(note: Note, facts: NoteFacts): IdTable | undefined {
  return idTables(note).find((table) => isMitigationMapping(table, facts.ownKind));
}

/** IDs the table's rows already name (as written, upper-case). */
function listedIds(facts: NoteFacts, table: IdTable | undefined): Set<string> {
  const ids = new Set<string>();
  if (!table) return ids;
  for (const row of table.table.rows) {
    const id = rowId(facts, table, row);
    if (id) ids.add(normaliseId(id.text));
  }
  return ids;
}

/**
 * The mitigations of the note's domain a row could be inserted for: those ATT&CK maps to the
 * technique first (marked), the rest after; those the table lists are left out. Undefined when
 * the note is not a technique note.
 */
export function mitigationCandidates(context: FixContext): MitigationChoice[] | undefined {
  const facts = techniqueFacts(context);
  if (!facts) return undefined;
  const listed = listedIds(facts, mitigationTable(context.note, facts));
  const { objects, related } = rankedMitigations(context.note, context.kb);
  return objects
    .filter((object) => !listed.has(object.id) && !object.revoked && !object.deprecated)
    .map((object) => ({ id: object.id, name: object.name, mapped: related.has(object.id) }));
}

/** ATT&CK's mapped mitigations the table lacks (live ones), in ID order. */
export function missingMappedMitigations(context: FixContext): AttackObject[] {
  const facts = techniqueFacts(context);
  const technique = facts?.object;
  if (!facts || !technique) return [];
  const listed = listedIds(facts, mitigationTable(context.note, facts));
  return context.kb
    .mitigationsOf(technique.id)
    .filter((id) => !listed.has(id))
    .map((id) => context.kb.get(id))
    .filter((m): m is AttackObject => m !== undefined && !m.revoked && !m.deprecated)
    .sort((a, b) => compareIds(a.id, b.id));
}

export function compareIds(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * The edit that inserts rows for `ids` (mitigations the knowledge base has and the table lacks;
 * others are skipped), or undefined when there is nothing to insert or the note is not a
 * technique note. Rows go in ID order among the existing rows; a missing table, or Mitigations
 * section, is created in the seed's layout where the seed has it.
 */
export function insertMitigationRows(
  context: FixContext,
  ids: readonly string[],
): RowInsertion | undefined {
  const facts = techniqueFacts(context);
  if (!facts) return undefined;
  const { note } = context;
  const table = mitigationTable(note, facts);
  const listed = listedIds(facts, table);
  const objects = [...new Set(ids.map(normaliseId))]
    .filter((id) => !listed.has(id))
    .map((id) => context.kb.get(id))
    .filter((o): o is AttackObject => o !== undefined && o.type === 'mitigation')
    .sort((a, b) => compareIds(a.id, b.id));
  if (objects.length === 0) return undefined;
  const writer = new NoteWriter(note);
  const insertion = table
    ? intoTable(context, writer, facts, table, objects)
    : newTable(context, writer, facts, objects);
  return { ...insertion, ids: objects.map((o) => o.id) };
}

/** Offsets, lines and the note's line break, for edits that insert whole lines. */
class NoteWriter {
  readonly lines: LineIndex;
  readonly eol: string;
  constructor(readonly note: Note) {
    this.lines = new LineIndex(note.text);
    this.eol = lineBreakOf(note.text);
  }
  lineEnd(line: number): Position {
    return this.lines.positionAt(this.lines.lineEnd(line));
  }
  isBlank(line: number): boolean {
    return line < this.lines.lineCount && this.lines.lineText(line).trim() === '';
  }
}

/** `| [[Audit\|M1047]] | Audit |  |`, and where its first free cell's text starts. */
function rowText(
  context: FixContext,
  columns: readonly Column[],
  style: RowStyle,
  object: AttackObject,
): { text: string; freeCell?: number } {
  let freeCell: number | undefined;
  let text = '|';
  for (const column of columns) {
    text += ' ';
    if (column === 'free' && freeCell === undefined) freeCell = text.length;
    if (column === 'id') {
      const target = objectLinkTarget(context.index, context.note, object, style.sample);
      text += style.linked ? wikilinkText(target, object.id, true) : object.id;
    } else if (column === 'name') {
      text += nameInStyle(object.name, style);
    }
    text += ' |';
  }
  return { text, freeCell };
}

function intoTable(
  context: FixContext,
  writer: NoteWriter,
  facts: NoteFacts,
  table: IdTable,
  objects: readonly AttackObject[],
): Omit<RowInsertion, 'ids'> {
  const columns = columnsOf(table.table);
  const style = rowStyle(context.note, table.table);
  const rows = table.table.rows;
  const rowIds = rows.map((row) => rowId(facts, table, row)?.text);
  // Each new row goes after the row before the first existing row with a greater ID.
  const byAnchor = new Map<number, string[]>();
  let single: { text: string; freeCell?: number } | undefined;
  for (const object of objects) {
    const greater = rowIds.findIndex((id) => id !== undefined && compareIds(id, object.id) > 0);
    const before = greater === -1 ? rows.length - 1 : greater - 1;
    const anchor =
      before >= 0 ? rows[before].range.start.line : table.table.delimiter.range.start.line;
    const row = rowText(context, columns, style, object);
    single = row;
    byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), row.text]);
  }
  const anchors = [...byAnchor.keys()].sort((a, b) => a - b);
  // One edit for the table: from the first anchor's line end to the last's, with the lines in
  // between copied as they are, so no two edits of one fix meet or overlap.
  const { lines, eol } = writer;
  let newText = '';
  anchors.forEach((anchor, i) => {
    for (const row of byAnchor.get(anchor) ?? []) newText += eol + row;
    const next = anchors[i + 1];
    if (next !== undefined) newText += lines.text.slice(lines.lineEnd(anchor), lines.lineEnd(next));
  });
  const first = anchors[0];
  const edit: TextEdit = {
    range: { start: writer.lineEnd(first), end: writer.lineEnd(anchors[anchors.length - 1]) },
    newText,
  };
  const cursor =
    objects.length === 1 && single?.freeCell !== undefined
      ? { line: first + 1, character: single.freeCell }
      : undefined;
  return { edits: [edit], cursor };
}

const DEFAULT_HEADER = ['ID', 'Name', 'Description'];
const DEFAULT_COLUMNS: Column[] = ['id', 'name', 'free'];
const NEW_TABLE_STYLE: RowStyle = { linked: true, fullWidthSlash: false };

/** Sections a seed technique note has after Mitigations, and before it (nearest last). */
const AFTER_MITIGATIONS = ['sub-techniques', 'references'];
const BEFORE_MITIGATIONS = [
  'description',
  'procedure examples',
  'tactic',
  'tactics',
  'platforms',
  'permissions required',
];

/**
 * The table (and, without one, the `### Mitigations` section) in the seed's layout: a blank line
 * after the heading, the header and delimiter rows, the rows; whatever followed keeps its place.
 */
function newTable(
  context: FixContext,
  writer: NoteWriter,
  facts: NoteFacts,
  objects: readonly AttackObject[],
): Omit<RowInsertion, 'ids'> {
  const { note } = context;
  const { eol } = writer;
  const rows = objects.map((object) => rowText(context, DEFAULT_COLUMNS, NEW_TABLE_STYLE, object));
  const tableLines = [
    `| ${DEFAULT_HEADER.join(' | ')} |`,
    `| ${DEFAULT_HEADER.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => row.text),
  ];
  const section = sectionsNamed(note, 'mitigations')[0];
  let at: number;
  let newText: string;
  let tableStart: number;
  if (section) {
    // Right under the heading; a blank line keeps what followed from joining the table.
    at = section.heading.range.start.line;
    newText =
      eol +
      eol +
      tableLines.join(eol) +
      (writer.isBlank(at + 1) || at + 1 >= writer.lines.lineCount ? '' : eol);
    tableStart = at + 2;
  } else {
    at = lastContentLineBefore(writer, insertionLine(note, writer));
    const level = siblingLevel(note, facts);
    newText = eol + eol + `${'#'.repeat(level)} Mitigations` + eol + eol + tableLines.join(eol);
    tableStart = at + 4;
    if (at < 0) {
      // Nothing above: the section opens the note.
      return {
        edits: [{ range: point(0, 0), newText: newText.slice(2 * eol.length) + eol + eol }],
      };
    }
  }
  const end = writer.lineEnd(at);
  const cursor =
    rows.length === 1 && rows[0].freeCell !== undefined
      ? { line: tableStart + 2, character: rows[0].freeCell }
      : undefined;
  return { edits: [{ range: { start: end, end }, newText }], cursor };
}

function point(line: number, character: number) {
  return { start: { line, character }, end: { line, character } };
}

/**
 * The line the new section goes before: the Sub-techniques heading, else the `---` above the
 * References heading (or the heading), else after the sections that come before Mitigations, else
 * the end of the note.
 */
function insertionLine(note: Note, writer: NoteWriter): number {
  for (const key of AFTER_MITIGATIONS) {
    const section = sectionsNamed(note, key)[0];
    if (!section) continue;
    let line = section.heading.range.start.line;
    let above = line - 1;
    while (above >= 0 && writer.isBlank(above)) above--;
    if (above >= 0 && /^ {0,3}(?:-\s*){3,}$/.test(writer.lines.lineText(above))) line = above;
    return line;
  }
  const before: Section[] = sectionsNamed(note, ...BEFORE_MITIGATIONS);
  const last = before[before.length - 1];
  if (last) return last.range.end.line + 1;
  return writer.lines.lineCount;
}

/** The last line above `line` that is not blank (-1 when there is none). */
function lastContentLineBefore(writer: NoteWriter, line: number): number {
  let above = line - 1;
  while (above >= 0 && writer.isBlank(above)) above--;
  return above;
}

/** The heading level of the note's other technique sections (seed `###`, kb `##`). */
function siblingLevel(note: Note, facts: NoteFacts): number {
  const sibling = sectionsNamed(note, ...AFTER_MITIGATIONS, ...BEFORE_MITIGATIONS)[0];
  return sibling?.heading.level ?? (facts.dialect === 'kb' ? 2 : 3);
}
