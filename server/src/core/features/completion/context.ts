import type { Position, Range } from 'vscode-languageserver-types';
import type { Note, Section, Table, TableCell, TableRow } from '../../model/types';

/**
 * Works out what the user is typing at a position, from the note model and the line's text:
 * a wikilink part, a citation, a Mitigations table row or ID cell, a Tactic or Platforms line,
 * a front matter list item, or an ATT&CK ID. Each context carries the range its items replace,
 * which always covers what is typed already (so accepting never duplicates text).
 */

interface Replacing {
  /** What the user has typed of the thing being completed (the start of `replace` to the cursor). */
  query: string;
  replace: Range;
}

export type CompletionContext =
  | (Replacing & {
      kind: 'wikilink-target';
      /** `]]` must be added: nothing closes the link after the replaced text. */
      close: boolean;
    })
  | (Replacing & { kind: 'wikilink-heading'; target: string; close: boolean })
  | (Replacing & { kind: 'wikilink-alias'; target: string; close: boolean })
  | (Replacing & { kind: 'citation'; close: boolean })
  | (Replacing & {
      kind: 'table-new-row';
      table: Table;
      rows: IdTableKind;
      /** The line's text before the typed word (`| `), so clients can filter on it. */
      lead: string;
    })
  | (Replacing & { kind: 'table-id-cell'; table: Table; rows: IdTableKind; row: TableRow })
  | (Replacing & {
      /** `| [[` on a new row of an ID table: a whole row, or a link to any note. */
      kind: 'table-row-link';
      table: Table;
      rows: IdTableKind;
      /** The line's text before the typed word, `[[` included (`| [[`), for clients' filtering. */
      lead: string;
      /** The same position as a plain link target (for items that link to other notes). */
      link: WikilinkTargetContext;
    })
  | (Replacing & {
      kind: 'list-line';
      list: 'tactics' | 'platforms';
      section: Section;
      lead: string;
    })
  | (Replacing & { kind: 'frontmatter-item'; list: 'tactics' | 'platforms' })
  | (Replacing & { kind: 'attack-id' });

type WikilinkTargetContext = Extract<CompletionContext, { kind: 'wikilink-target' }>;

/**
 * Tables whose rows name ATT&CK objects by ID: a technique's Mitigations and Sub-techniques, a
 * mitigation's Techniques Addressed by Mitigation, a group's Techniques Used (the kb dialect's too).
 */
export type IdTableKind =
  'mitigations' | 'sub-techniques' | 'addressed-techniques' | 'techniques-used';

const ID_TABLE_SECTIONS: Record<string, IdTableKind> = {
  mitigations: 'mitigations',
  'sub-techniques': 'sub-techniques',
  'techniques addressed by mitigation': 'addressed-techniques',
  'techniques used': 'techniques-used',
};

export interface LineText {
  text: string;
  line: number;
}

/** The text of one line (without its line break). */
export function lineOf(text: string, line: number): LineText {
  let start = 0;
  for (let current = 0; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return { text: '', line };
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { text: text.slice(start, end), line };
}

function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

const TACTIC_KEYS = new Set(['tactic', 'tactics']);
const PLATFORM_KEYS = new Set(['platforms', 'platform']);
/** A row being started: an optional pipe and at most one word (`| M10`, `|`, ``, `M`). */
const NEW_ROW = /^(\s*\|?\s*)([\p{L}\p{N}.]*)\s*\|?\s*$/u;
/** A blank line, a bullet (`- `, `-`) or text starting with a letter. */
const LIST_ENTRY = /^\s*(?:[-*+](?:\s.*)?|\p{L}.*)?$/u;
const ID_PREFIX = /^(?:TA|DS|T|M|G|S|C)\d{1,4}(?:\.\d{0,3})?$/i;
const CITATION_OPEN = /\(Citation:\s?([^()]*)$/;

export function completionContext(note: Note, position: Position): CompletionContext | undefined {
  const { text } = lineOf(note.text, position.line);
  const character = Math.min(position.character, text.length);
  const prefix = text.slice(0, character);
  const suffix = text.slice(character);
  const line = position.line;

  const frontmatter = note.frontmatter?.range;
  const inFrontmatter =
    frontmatter !== undefined && line > frontmatter.start.line && line < frontmatter.end.line;
  if (inFrontmatter)
    return frontmatterContext(note, line, prefix, text) ?? idContext(line, prefix, suffix);

  const link = wikilinkContext(line, prefix, suffix);
  if (link) {
    const row =
      link.kind === 'wikilink-target' ? tableLinkContext(note, line, text, link) : undefined;
    return row ?? link;
  }
  return (
    citationContext(line, prefix, suffix) ??
    tableContext(note, line, character, text) ??
    listLineContext(note, line, prefix, text) ??
    idContext(line, prefix, suffix)
  );
}

/** Inside `[[...` before its `]]`: the target, `#heading` or `|alias` part being typed. */
function wikilinkContext(
  line: number,
  prefix: string,
  suffix: string,
): CompletionContext | undefined {
  const open = prefix.lastIndexOf('[[');
  if (open === -1 || prefix.indexOf(']]', open) !== -1) return undefined;
  const inner = prefix.slice(open + 2);
  const innerStart = open + 2;
  const cursor = prefix.length;
  const pipe = inner.indexOf('|');
  if (pipe !== -1) {
    const escaped = pipe > 0 && inner[pipe - 1] === '\\';
    const targetPart = inner.slice(0, escaped ? pipe - 1 : pipe);
    const end = cursor + runUntil(suffix, ']');
    return {
      kind: 'wikilink-alias',
      target: targetPart.split('#')[0],
      query: inner.slice(pipe + 1),
      replace: range(line, innerStart + pipe + 1, end),
      close: !suffix.slice(end - cursor).startsWith(']'),
    };
  }
  const hash = inner.indexOf('#');
  const end = cursor + runUntil(suffix, hash === -1 ? '#|\\]' : '|\\]');
  const after = suffix.slice(end - cursor);
  const close = !/^(?:\]|\||\\\||#)/.test(after);
  if (hash !== -1) {
    return {
      kind: 'wikilink-heading',
      target: inner.slice(0, hash),
      query: inner.slice(hash + 1),
      replace: range(line, innerStart + hash + 1, end),
      close,
    };
  }
  return {
    kind: 'wikilink-target',
    query: inner,
    replace: range(line, innerStart, end),
    close,
  };
}

/** Length of the run of `text` before the first of `stops`. */
function runUntil(text: string, stops: string): number {
  let at = 0;
  while (at < text.length && !stops.includes(text[at])) at++;
  return at;
}

function citationContext(
  line: number,
  prefix: string,
  suffix: string,
): CompletionContext | undefined {
  const match = CITATION_OPEN.exec(prefix);
  if (!match) return undefined;
  const start = prefix.length - match[1].length;
  const end = prefix.length + runUntil(suffix, ')');
  return {
    kind: 'citation',
    query: match[1],
    replace: range(line, start, end),
    close: suffix.slice(end - prefix.length)[0] !== ')',
  };
}

function sectionAt(note: Note, line: number): Section | undefined {
  let found: Section | undefined;
  for (const section of note.sections) {
    if (section.heading.range.start.line >= line) break;
    if (section.range.end.line >= line) found = section;
  }
  return found;
}

function idTableKind(note: Note, table: Table): IdTableKind | undefined {
  const section = table.sectionIndex === undefined ? undefined : note.sections[table.sectionIndex];
  const firstHeader = table.header.cells[0]?.text.trim().toLowerCase();
  if (!section || firstHeader !== 'id') return undefined;
  return ID_TABLE_SECTIONS[section.key];
}

/** A new row right under an ID table, or the ID cell of one of its rows. */
function tableContext(
  note: Note,
  line: number,
  character: number,
  text: string,
): CompletionContext | undefined {
  for (const table of note.tables) {
    const last = table.range.end.line;
    if (line <= table.delimiter.range.start.line || line > last + 1) continue;
    const rows = idTableKind(note, table);
    if (!rows) return undefined;
    const row = table.rows.find((r) => r.range.start.line === line);
    const started = NEW_ROW.exec(text);
    if (started && (line === last + 1 || (row && row.cells.length <= 1))) {
      return {
        kind: 'table-new-row',
        table,
        rows,
        lead: started[1],
        query: started[2],
        replace: range(line, 0, text.length),
      };
    }
    if (!row || row.cells.length === 0) return undefined;
    const cell = row.cells[0];
    if (cellIndexAt(text, character) !== 0) return undefined;
    return idCellContext(table, rows, row, cell, line, character, text);
  }
  return undefined;
}

/** Before the `[[` of a new row: nothing but an optional pipe (`| [[`, `[[`). */
const ROW_START = /^\s*\|?\s*$/;

/** `[[` opened at the start of a new row under an ID table (the table's header says its kind). */
function tableLinkContext(
  note: Note,
  line: number,
  text: string,
  link: WikilinkTargetContext,
): CompletionContext | undefined {
  const open = link.replace.start.character - 2;
  if (!ROW_START.test(text.slice(0, open))) return undefined;
  for (const table of note.tables) {
    const last = table.range.end.line;
    if (line <= table.delimiter.range.start.line || line > last + 1) continue;
    const rows = idTableKind(note, table);
    const row = table.rows.find((r) => r.range.start.line === line);
    if (!rows || (line <= last && (!row || row.cells.length > 1))) return undefined;
    return {
      kind: 'table-row-link',
      table,
      rows,
      lead: text.slice(0, link.replace.start.character),
      query: link.query,
      replace: range(line, 0, text.length),
      link,
    };
  }
  return undefined;
}

function idCellContext(
  table: Table,
  rows: IdTableKind,
  row: TableRow,
  cell: TableCell,
  line: number,
  character: number,
  text: string,
): CompletionContext {
  const { start, end } = cell.range;
  const inside = start.character <= character && character <= end.character;
  const from = inside ? start.character : character;
  const to = inside ? end.character : character;
  return {
    kind: 'table-id-cell',
    table,
    rows,
    row,
    query: text.slice(from, character),
    replace: range(line, from, to),
  };
}

/** Which cell of a table row the character is in (0 = first), counting unescaped pipes. */
function cellIndexAt(text: string, character: number): number {
  let pipes = 0;
  for (let at = 0; at < character; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === '|') pipes++;
  }
  const leadingPipe = text.trimStart().startsWith('|');
  return leadingPipe ? pipes - 1 : pipes;
}

/** A line in a Tactic or Platforms section: the whole line gets replaced by a list item. */
function listLineContext(
  note: Note,
  line: number,
  prefix: string,
  text: string,
): CompletionContext | undefined {
  const section = sectionAt(note, line);
  if (!section) return undefined;
  const list = TACTIC_KEYS.has(section.key)
    ? 'tactics'
    : PLATFORM_KEYS.has(section.key)
      ? 'platforms'
      : undefined;
  if (!list) return undefined;
  // A heading, table, quote or rule being started is not a list entry.
  if (!LIST_ENTRY.test(text)) return undefined;
  const bullet = /^\s*(?:[-*+]\s*)?/.exec(prefix)![0];
  return {
    kind: 'list-line',
    list,
    section,
    lead: bullet,
    query: prefix.slice(bullet.length),
    replace: range(line, 0, text.length),
  };
}

/** A `- item` under the `tactic:` or `platforms:` key of the front matter (kb dialect). */
function frontmatterContext(
  note: Note,
  line: number,
  prefix: string,
  text: string,
): CompletionContext | undefined {
  const item = /^(\s*-\s*)(.*)$/.exec(prefix);
  if (!item) return undefined;
  const field = note.frontmatter?.fields.filter((f) => f.keyRange.start.line < line).at(-1);
  if (!field) return undefined;
  const key = field.key.toLowerCase();
  const list = TACTIC_KEYS.has(key) ? 'tactics' : PLATFORM_KEYS.has(key) ? 'platforms' : undefined;
  if (!list) return undefined;
  return {
    kind: 'frontmatter-item',
    list,
    query: item[2],
    replace: range(line, item[1].length, text.trimEnd().length),
  };
}

/** An ATT&CK ID being typed (`T1059`, `M10`, `TA00`): letters of a prefix and at least a digit. */
function idContext(line: number, prefix: string, suffix: string): CompletionContext | undefined {
  const word = /[A-Za-z]{1,2}[\d.]*$/.exec(prefix);
  if (!word || !ID_PREFIX.test(word[0])) return undefined;
  // A word that only ends in an ID (`XT10`) is not one.
  if (word.index > 0 && /[\p{L}\p{N}_]/u.test(prefix[word.index - 1])) return undefined;
  const rest = /^[\d.]*/.exec(suffix)![0].length;
  return {
    kind: 'attack-id',
    query: word[0],
    replace: range(line, word.index, prefix.length + rest),
  };
}
