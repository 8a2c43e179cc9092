/**
 * Splits one GFM table row into cells, as GitHub (and micromark) do: leading and trailing pipes are
 * optional, `\|` does not split (the backslash escapes the pipe), and pipes inside backtick code spans
 * DO split: GFM gives code spans no protection, which is why Obsidian notes escape the alias pipe.
 */

/** Offsets are relative to the row text passed in. */
export interface CellSpan {
  /** Between the pipes (or row edges), untrimmed. */
  start: number;
  end: number;
  /** The trimmed text; equal start and end (the middle of the cell) when the cell is empty. */
  textStart: number;
  textEnd: number;
}

const BACKSLASH = 92;
const PIPE = 124;

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

export function splitTableRow(row: string): CellSpan[] {
  let start = 0;
  let end = row.length;
  while (start < end && isBlank(row.charCodeAt(start))) start++;
  while (end > start && isBlank(row.charCodeAt(end - 1))) end--;
  if (start === end) return [];
  if (row.charCodeAt(start) === PIPE) start++;
  // Jump from pipe to pipe; a pipe preceded by an odd run of backslashes is escaped (the escapes
  // pair up from the left, so `\\|` is an escaped backslash followed by a splitting pipe).
  const pipes: number[] = [];
  for (
    let pipe = row.indexOf('|', start);
    pipe !== -1 && pipe < end;
    pipe = row.indexOf('|', pipe + 1)
  ) {
    if (!isEscaped(row, pipe, start)) pipes.push(pipe);
  }
  // A pipe that ends the row closes the last cell instead of opening an empty one.
  if (pipes.length > 0 && pipes[pipes.length - 1] === end - 1) {
    pipes.pop();
    end--;
  }
  const cells: CellSpan[] = [];
  let cellStart = start;
  for (let p = 0; p <= pipes.length; p++) {
    const cellEnd = p < pipes.length ? pipes[p] : end;
    cells.push(trimCell(row, cellStart, cellEnd));
    cellStart = cellEnd + 1;
  }
  return cells;
}

function isEscaped(row: string, pipe: number, start: number): boolean {
  let backslashes = 0;
  while (pipe - backslashes - 1 >= start && row.charCodeAt(pipe - backslashes - 1) === BACKSLASH) {
    backslashes++;
  }
  return backslashes % 2 === 1;
}

function trimCell(row: string, start: number, end: number): CellSpan {
  let textStart = start;
  let textEnd = end;
  while (textStart < textEnd && isBlank(row.charCodeAt(textStart))) textStart++;
  while (textEnd > textStart && isBlank(row.charCodeAt(textEnd - 1))) textEnd--;
  if (textStart === textEnd) {
    const middle = start + ((end - start) >> 1);
    return { start, end, textStart: middle, textEnd: middle };
  }
  return { start, end, textStart, textEnd };
}

const DELIMITER_CELL = /^:?-+:?$/;

/** The `| --- | :-: |` row under a header: every cell is dashes with optional alignment colons. */
export function isDelimiterRow(row: string): boolean {
  if (row.indexOf('-') === -1) return false;
  const cells = splitTableRow(row);
  if (cells.length === 0) return false;
  for (const cell of cells) {
    if (!DELIMITER_CELL.test(row.slice(cell.textStart, cell.textEnd))) return false;
  }
  return true;
}

/** True when the row has a pipe that splits cells (a header needs one to be a table). */
export function hasCellPipe(row: string): boolean {
  for (let pipe = row.indexOf('|'); pipe !== -1; pipe = row.indexOf('|', pipe + 1)) {
    if (!isEscaped(row, pipe, 0)) return true;
  }
  return false;
}
