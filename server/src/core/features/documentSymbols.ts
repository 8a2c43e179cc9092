import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { KnowledgeBase } from '../kb/types';
import type { Note, Section, TableCell, TableRow } from '../model/types';

export interface DocumentSymbolOptions {
  /**
   * False when the editor outlines Markdown headings itself (VS Code's built-in Markdown support
   * does, and shows every provider's symbols side by side): then only the table rows are given,
   * each naming its section, so no heading appears twice.
   */
  headings?: boolean;
}

/**
 * The outline of a note: headings nest by level, the ID heading carries the ATT&CK name, and the
 * rows of a section's tables (mitigations, techniques used, sub-techniques) are its children.
 */
export function documentSymbols(
  note: Note,
  kb?: KnowledgeBase,
  options: DocumentSymbolOptions = {},
): DocumentSymbol[] {
  if (options.headings === false) return tableRowSymbols(note);
  const roots: DocumentSymbol[] = [];
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  note.sections.forEach((section, sectionIndex) => {
    const symbol = sectionSymbol(note, section, kb);
    for (const table of note.tables) {
      if (table.sectionIndex === sectionIndex)
        symbol.children!.push(...table.rows.map((row) => rowSymbol(note, row)));
    }
    while (stack.length > 0 && stack[stack.length - 1].level >= section.heading.level) stack.pop();
    const parent = stack.at(-1);
    (parent ? parent.symbol.children! : roots).push(symbol);
    stack.push({ level: section.heading.level, symbol });
  });
  return roots;
}

/** Every row of the tables under a heading, in order, its section named in the detail. */
function tableRowSymbols(note: Note): DocumentSymbol[] {
  return note.tables.flatMap((table) => {
    if (table.sectionIndex === undefined) return [];
    const section = note.sections[table.sectionIndex].heading.text;
    return table.rows.map((row) => {
      const symbol = rowSymbol(note, row);
      return { ...symbol, detail: symbol.detail ? `${symbol.detail} · ${section}` : section };
    });
  });
}

function sectionSymbol(note: Note, section: Section, kb?: KnowledgeBase): DocumentSymbol {
  const { heading } = section;
  const isIdHeading =
    note.identity?.source === 'heading'
      ? note.identity.range !== undefined &&
        note.identity.range.start.line === heading.range.start.line
      : note.identity !== undefined &&
        heading.text.toUpperCase() === note.identity.id.toUpperCase();
  const object = isIdHeading && note.identity ? kb?.get(note.identity.id) : undefined;
  return {
    name: heading.text || '(empty heading)',
    detail: object ? object.name : undefined,
    kind: isIdHeading ? SymbolKind.Class : SymbolKind.Namespace,
    range: section.range,
    selectionRange: heading.textRange,
    children: [],
  };
}

/** A table row as a symbol: named by its first cell (the link's alias when it is an ID link). */
function rowSymbol(note: Note, row: TableRow): DocumentSymbol {
  const [first, second] = row.cells;
  const label = first ? cellLabel(note, first) : '';
  const detail = second ? cellLabel(note, second) : undefined;
  return {
    name: label || '(empty row)',
    detail: detail && detail !== label ? detail : undefined,
    kind: SymbolKind.Field,
    range: row.range,
    selectionRange: first ? first.range : row.range,
    children: [],
  };
}

/** A cell that is one wikilink reads as its alias or target name (`[[Audit\|M1047]]` → `M1047`). */
function cellLabel(note: Note, cell: TableCell): string {
  const link = note.wikilinks.find((candidate) => sameRange(candidate.range, cell.range));
  if (!link) return cell.text;
  return (link.alias?.text ?? link.target.text.split('/').at(-1) ?? '').trim();
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
