import { ATTACK_ID } from '../../kb/names';
import type { Note, Table, TableRow, WikiLink } from '../../model/types';

/**
 * How the rows of an ID table (Mitigations, Sub-techniques, Techniques Addressed by Mitigation)
 * are written, so a completed row and a row inserted by a quick fix or a command look like their
 * neighbours: the columns, the ID cell's link style, full-width slashes in names.
 */

export type Column = 'id' | 'name' | 'free';

export function columnsOf(table: Table): Column[] {
  return table.header.cells.map((cell) => {
    const key = cell.text.trim().toLowerCase();
    return key === 'id' ? 'id' : key === 'name' ? 'name' : 'free';
  });
}

function linkInCell(note: Note, row: TableRow): WikiLink | undefined {
  const cell = row.cells[0];
  if (!cell) return undefined;
  return note.wikilinks.find(
    (link) =>
      link.range.start.line === cell.range.start.line &&
      link.range.start.character >= cell.range.start.character &&
      link.range.end.character <= cell.range.end.character,
  );
}

export interface RowStyle {
  /** The target of the first row's link, the sample for the link style. */
  sample?: string;
  /** Whether the ID cell holds a link (or a bare ID). */
  linked: boolean;
  /** Whether names are written with the full-width `／`. */
  fullWidthSlash: boolean;
}

/** How the other rows write their ID cell: the first link's target, and whether they link. */
export function rowStyle(note: Note, table: Table, except?: TableRow): RowStyle {
  if (except) return computeRowStyle(note, table, except);
  // Fix-all asks once per Name cell of a table: kept with the (immutable) table.
  let style = rowStyles.get(table);
  if (style === undefined) rowStyles.set(table, (style = computeRowStyle(note, table)));
  return style;
}

const rowStyles = new WeakMap<Table, RowStyle>();

function computeRowStyle(note: Note, table: Table, except?: TableRow): RowStyle {
  const nameColumn = columnsOf(table).indexOf('name');
  const others = table.rows.filter((row) => row !== except && (row.cells[0]?.text ?? '') !== '');
  const links = others.map((row) => linkInCell(note, row)).filter((l) => l !== undefined);
  return {
    sample: links[0]?.target.text,
    // A table without rows follows the generators, which always link.
    linked: others.length === 0 || links.length > 0,
    // Some generators write the full-width `／` in names too (the seed); follow them.
    fullWidthSlash: others.some((row) => row.cells[nameColumn]?.text.includes('／') === true),
  };
}

/** An ATT&CK name as the table's Name cells write it. */
export function nameInStyle(name: string, style: RowStyle): string {
  return style.fullWidthSlash ? name.replace(/\//g, '／') : name;
}

/** The IDs the ID cells of a table name (the row being edited left out). */
export function idsInTable(table: Table, except?: TableRow): Set<string> {
  const ids = new Set<string>();
  for (const row of table.rows) {
    if (row === except) continue;
    for (const match of (row.cells[0]?.text ?? '').matchAll(ATTACK_ID)) {
      ids.add(match[0].toUpperCase());
    }
  }
  return ids;
}
