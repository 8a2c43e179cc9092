import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import { ATTACK_ID } from '../../kb/names';
import type { AttackObject, KnowledgeBase } from '../../kb/types';
import type { Note, Table, TableRow, WikiLink } from '../../model/types';
import { objectDetail } from '../attackMarkdown';
import { domainOfNote, ownObject } from '../noteObject';
import type { CompletionContext } from './context';
import { objectDocumentation, retiredTags, sortText } from './items';
import { objectLinkTarget, wikilinkText } from './linkWriting';
import { snippetLiteral, tabStops } from './snippets';

/**
 * Mitigations for a technique's Mitigations table: the ones ATT&CK maps to the technique first,
 * then the rest of the domain's, and those the table already lists last. On a new row the item
 * writes the whole row in the table's shape and link style; in an ID cell it writes what the
 * other rows' ID cells hold (a link or a bare ID).
 */

type TableContext = Extract<CompletionContext, { kind: 'table-new-row' | 'table-id-cell' }>;

type Column = 'id' | 'name' | 'free';

function columnsOf(table: Table): Column[] {
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

/** How the other rows write their ID cell: the first link's target, and whether they link. */
function rowStyle(note: Note, table: Table, except?: TableRow) {
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

function idsInTable(table: Table, except?: TableRow): Set<string> {
  const ids = new Set<string>();
  for (const row of table.rows) {
    if (row === except) continue;
    for (const match of (row.cells[0]?.text ?? '').matchAll(ATTACK_ID)) {
      ids.add(match[0].toUpperCase());
    }
  }
  return ids;
}

export function mitigationCompletions(
  context: TableContext,
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  snippets = true,
): CompletionList {
  const technique = ownObject(note, kb);
  const techniqueId = technique?.id ?? note.identity?.id;
  const mapped = techniqueId ? kb.mitigationsOf(techniqueId) : [];
  const currentRow = context.kind === 'table-id-cell' ? context.row : undefined;
  const present = idsInTable(context.table, currentRow);
  const style = rowStyle(note, context.table, currentRow);
  const candidates = new Map<string, AttackObject>();
  for (const id of mapped) {
    const object = kb.get(id);
    if (object) candidates.set(object.id, object);
  }
  for (const object of kb.all('mitigation', domainOfNote(note, kb)))
    if (!candidates.has(object.id)) candidates.set(object.id, object);

  const items: CompletionItem[] = [];
  for (const object of candidates.values()) {
    const isMapped = mapped.includes(object.id);
    const isPresent = present.has(object.id);
    const tier = isPresent ? 2 : isMapped ? 0 : 1;
    const remark = isPresent
      ? ' · already in the table'
      : isMapped
        ? ` · mapped to ${techniqueId}`
        : '';
    const target = objectLinkTarget(index, note, object, style.sample);
    const link = wikilinkText(target, object.id, true);
    const label = `${object.id} ${object.name}`;
    const item: CompletionItem = {
      label,
      kind: CompletionItemKind.Reference,
      detail: objectDetail(object) + remark,
      documentation: objectDocumentation(object, kb),
      sortText: sortText(tier, object.id),
      ...retiredTags(object),
    };
    if (isMapped && !isPresent) item.preselect = items.every((i) => !i.preselect);
    if (context.kind === 'table-new-row') {
      const name = style.fullWidthSlash ? object.name.replace(/\//g, '／') : object.name;
      const cells = newRowCells(columnsOf(context.table), link, name, snippets);
      item.filterText = `${context.lead}${label}`;
      if (snippets) item.insertTextFormat = InsertTextFormat.Snippet;
      item.textEdit = { range: context.replace, newText: `| ${cells.join(' | ')} |` };
    } else {
      item.filterText = label;
      item.textEdit = { range: context.replace, newText: style.linked ? link : object.id };
    }
    items.push(item);
  }
  return { isIncomplete: false, items };
}

/**
 * The cells of a new row: the ID link, the name, and in the other columns tab stops (or, for a
 * client without snippets, a blank).
 */
function newRowCells(columns: Column[], link: string, name: string, snippets: boolean): string[] {
  const literal = snippets ? snippetLiteral : (text: string) => text;
  const stops = tabStops(columns.filter((c) => c === 'free').length);
  let free = 0;
  return columns.map((column) =>
    column === 'id'
      ? literal(link)
      : column === 'name'
        ? literal(name)
        : snippets
          ? stops[free++]
          : ' ',
  );
}
