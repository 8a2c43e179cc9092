import type { LineIndex } from '../../text/lineIndex';
import type { Table, TableCell, TableRow } from '../types';
import { lineRange } from './lineRange';
import { splitTableRow } from './tableRow';

/**
 * A table row from the source line: the row range is the whole line, the cells come from the GFM
 * splitter. `contentStart` is where the row starts when it shares its line with a list marker.
 */
export function rowFromLine(
  text: string,
  lines: LineIndex,
  line: number,
  contentStart = lines.lineStart(line),
): TableRow {
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  // Rows are single lines, so positions are columns on `line` (no offset search per cell).
  const column = contentStart - lineStart;
  const cells: TableCell[] = splitTableRow(text.slice(contentStart, lineEnd)).map((cell) => ({
    text: text.slice(contentStart + cell.textStart, contentStart + cell.textEnd),
    range: lineRange(line, column + cell.textStart, column + cell.textEnd),
  }));
  return { range: lineRange(line, 0, lineEnd - lineStart), cells };
}

/** Assembles a table whose range runs from the header line to the last row's line. */
export function tableFromRows(header: TableRow, delimiter: TableRow, rows: TableRow[]): Table {
  const last = rows.length > 0 ? rows[rows.length - 1] : delimiter;
  return {
    range: { start: header.range.start, end: last.range.end },
    header,
    delimiter,
    rows,
  };
}
