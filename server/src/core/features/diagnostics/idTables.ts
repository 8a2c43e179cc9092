import type { Range } from 'vscode-languageserver-types';
import { nameKey } from './kbMemo';
import type { Note, Section, Table, TableCell, TableRow, WikiLink } from '../../model/types';
import { looksLikeIdAttempt } from './idSyntax';
import { linksInCell, type NoteFacts } from './noteFacts';

/**
 * Tables whose rows are ATT&CK objects (`| ID | Name | ... |`): mitigations of a technique,
 * techniques of a mitigation, sub-techniques, a group's techniques, a kb note's procedures.
 */
export interface IdTable {
  table: Table;
  section?: Section;
  idColumn: number;
  nameColumn?: number;
}

/** The ID a row names, and where: a link's alias (`[[Audit\|M1047]]`) or the cell's plain text. */
export interface RowId {
  text: string;
  range: Range;
  row: TableRow;
  cell: TableCell;
  /** The link the ID labels, when the cell is a link. */
  link?: WikiLink;
}

function columnOf(table: Table, name: string): number | undefined {
  const index = table.header.cells.findIndex((cell) => nameKey(cell.text) === name);
  return index >= 0 ? index : undefined;
}

/**
 * The ID tables of the note last asked about, and the row IDs read from them. Several families
 * read the same note's tables and rows in one check, always one note after another. Not a WeakMap
 * keyed by the note: V8's young-generation collections keep a WeakMap's values alive while the map
 * lives, so every note's tables, rows and links were copied and promoted until a full collection
 * (`check` of a vault spent most of its garbage collection on them).
 */
let lastNote: { note: Note; tables: IdTable[]; rowIds: Map<TableRow, RowId | null> } | undefined;

/** Tables with an ID column; remembered for the (immutable) note, as several families ask. */
export function idTables(note: Note): IdTable[] {
  if (lastNote?.note !== note) lastNote = { note, tables: findIdTables(note), rowIds: new Map() };
  return lastNote.tables;
}

function findIdTables(note: Note): IdTable[] {
  const found: IdTable[] = [];
  for (const table of note.tables) {
    const idColumn = columnOf(table, 'id');
    if (idColumn === undefined) continue;
    const section =
      table.sectionIndex === undefined ? undefined : note.sections[table.sectionIndex];
    found.push({ table, section, idColumn, nameColumn: columnOf(table, 'name') });
  }
  return found;
}

/**
 * The ID of a row, or undefined when its ID cell is empty or holds a link without an ID. Rows
 * belong to immutable notes; the ID and mitigation rules both read every row's ID, remembered
 * while the row's table is among those `idTables` gave last.
 */
export function rowId(facts: NoteFacts, idTable: IdTable, row: TableRow): RowId | undefined {
  const rowIds = lastNote?.tables.includes(idTable) ? lastNote.rowIds : undefined;
  let found = rowIds?.get(row);
  if (found === undefined) {
    found = readRowId(facts, idTable, row) ?? null;
    rowIds?.set(row, found);
  }
  return found ?? undefined;
}

function readRowId(facts: NoteFacts, idTable: IdTable, row: TableRow): RowId | undefined {
  const cell = row.cells[idTable.idColumn];
  if (!cell || cell.text === '') return undefined;
  const links = linksInCell(facts, cell);
  if (links.length > 0) {
    const link = links[0];
    if (link.alias)
      return { text: link.alias.text.trim(), range: link.alias.range, row, cell, link };
    // `[[T1059.006]]`: the link target is the ID; `[[Python]]` names no ID to check.
    const target = link.target.text.split('/').pop() ?? '';
    if (looksLikeIdAttempt(target))
      return { text: target, range: link.target.range, row, cell, link };
    return undefined;
  }
  return { text: cell.text, range: cell.range, row, cell };
}

/** Tables of mitigations in a technique note, and of techniques in a mitigation note. */
export function isMitigationMapping(idTable: IdTable, noteKind: string | undefined): boolean {
  const key = idTable.section?.key;
  if (noteKind === 'technique') return key === 'mitigations';
  if (noteKind === 'mitigation') return key === 'techniques addressed by mitigation';
  return false;
}
