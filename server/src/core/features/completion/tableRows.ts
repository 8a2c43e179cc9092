import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import { normaliseName } from '../../kb/names';
import type { AttackObject, KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { objectDetail } from '../attackMarkdown';
import type { CompletionContext, IdTableKind } from './context';
import { lineFilterText, objectDocumentation, retiredTags, sortText } from './items';
import { objectLinkTarget, wikilinkText } from './linkWriting';
import { mitigationCandidates } from './mitigations';
import type { RowCandidates } from './rowCandidates';
import { snippetLiteral, tabStops } from './snippets';
import { columnsOf, idsInTable, nameInStyle, rowStyle, type Column } from './tableRowWriting';
import {
  addressedTechniqueCandidates,
  subTechniqueCandidates,
  usedTechniqueCandidates,
} from './techniqueRows';

/**
 * Rows of ID tables (Mitigations, Sub-techniques, Techniques Addressed by Mitigation): the
 * objects ATT&CK relates to the note first, then the rest, and those the table already lists
 * last. On a new row the item writes the whole row in the table's shape and link style; in an ID
 * cell it writes what the other rows' ID cells hold (a link or a bare ID).
 */

const CANDIDATES: Record<IdTableKind, (note: Note, kb: KnowledgeBase) => RowCandidates> = {
  mitigations: mitigationCandidates,
  'sub-techniques': subTechniqueCandidates,
  'addressed-techniques': addressedTechniqueCandidates,
  'techniques-used': usedTechniqueCandidates,
};

type TableContext = Extract<
  CompletionContext,
  { kind: 'table-new-row' | 'table-id-cell' | 'table-row-link' }
>;

/** Tiers: related objects not yet listed, the others, (notes, after `[[`), rows already there. */
const TIER_RELATED = 0;
const TIER_OTHER = 1;
/** Where `| [[` puts links to notes that are no candidate: after every candidate not listed. */
export const TIER_NOTES = 2;
const TIER_PRESENT = 3;

export function tableRowCompletions(
  context: TableContext,
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  snippets = true,
): CompletionList {
  const { objects: all, related, relation } = CANDIDATES[context.rows](note, kb);
  const currentRow = context.kind === 'table-id-cell' ? context.row : undefined;
  const present = idsInTable(context.table, currentRow);
  const objects = all.length > MAX_ROW_ITEMS ? narrowed(all, related, context.query) : all;
  const style = rowStyle(note, context.table, currentRow);
  const columns = columnsOf(context.table);
  const items: CompletionItem[] = [];
  let preselected = false;
  for (const object of objects) {
    const isMapped = related.has(object.id);
    const isPresent = present.has(object.id);
    const tier = isPresent ? TIER_PRESENT : isMapped ? TIER_RELATED : TIER_OTHER;
    const remark = isPresent ? ' · already in the table' : isMapped ? ` · ${relation}` : '';
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
    // The first related object the table lacks is the likeliest pick.
    if (isMapped && !isPresent && !preselected) item.preselect = preselected = true;
    if (context.kind !== 'table-id-cell') {
      const name = nameInStyle(object.name, style);
      const cells = newRowCells(columns, link, name, snippets);
      // After `[[` the client filters on `| [[Aud`: the label follows the brackets directly.
      item.filterText =
        context.kind === 'table-row-link'
          ? context.lead + label
          : lineFilterText(context.lead, label);
      if (snippets) item.insertTextFormat = InsertTextFormat.Snippet;
      item.textEdit = { range: context.replace, newText: `| ${cells.join(' | ')} |` };
    } else {
      item.filterText = label;
      item.textEdit = { range: context.replace, newText: style.linked ? link : object.id };
    }
    items.push(item);
  }
  return { isIncomplete: objects.length < all.length, items };
}

/** Enough rows to choose from; a longer list (every technique) is narrowed by what is typed. */
const MAX_ROW_ITEMS = 100;

/** The related objects, then those matching the typed ID or name, at most MAX_ROW_ITEMS. */
function narrowed(
  objects: readonly AttackObject[],
  related: ReadonlySet<string>,
  query: string,
): AttackObject[] {
  const wanted = normaliseName(query);
  const kept = objects.filter((o) => related.has(o.id));
  for (const object of objects) {
    if (kept.length >= MAX_ROW_ITEMS) break;
    if (related.has(object.id)) continue;
    if (object.id.toLowerCase().startsWith(wanted) || normaliseName(object.name).includes(wanted))
      kept.push(object);
  }
  return kept;
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
