import type { CompletionList } from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import type { CompletionContext } from './context';
import { rankKey, sortText } from './items';
import { TIER_NOTES, tableRowCompletions } from './tableRows';
import { wikilinkTargetCompletions } from './wikilinks';

/**
 * `| [[` on a new row of an ID table (a technique's Mitigations, a mitigation's Techniques
 * Addressed): the table's candidates as whole rows, ranked as at `| ` (ATT&CK's related objects
 * the table lacks, then the others of the kind), then links to the other notes, and last the rows
 * the table already has. A row item replaces the line with the row; a note item only completes
 * the link, as anywhere else.
 */
export function tableRowLinkCompletions(
  context: Extract<CompletionContext, { kind: 'table-row-link' }>,
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  snippets: boolean,
): CompletionList {
  const rows = tableRowCompletions(context, note, index, kb, snippets);
  const offered = new Set(rows.items.map((item) => item.label.split(' ')[0]));
  const links = wikilinkTargetCompletions(context.link, note, index, kb);
  // A note of a candidate object is already offered as its row.
  const notes = links.items
    .filter(
      (item) => !(item.labelDetails?.description && offered.has(item.labelDetails.description)),
    )
    .map((item, rank) => ({ ...item, sortText: sortText(TIER_NOTES, rankKey(rank)) }));
  return {
    isIncomplete: rows.isIncomplete || links.isIncomplete,
    items: [...rows.items, ...notes],
  };
}
