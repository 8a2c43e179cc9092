import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import { kindOfId } from '../../kb/names';
import type { AttackObject, AttackObjectType, KnowledgeBase } from '../../kb/types';
import { objectDetail } from '../attackMarkdown';
import type { CompletionContext } from './context';
import { objectDocumentation, retiredTags, sortText } from './items';

/**
 * ATT&CK IDs wherever one is being typed (running text, table cells, headings, front matter):
 * every object whose ID starts with what is typed, so `T1059` offers the technique and its
 * sub-techniques. The prefix decides the type (`TA` tactics, `T` techniques, `M` mitigations...).
 */

export const MAX_ID_ITEMS = 100;

/** The type the typed prefix stands for; `T1` is a technique, `TA` a tactic. */
function typeOfPrefix(query: string): AttackObjectType | undefined {
  const letters = /^[A-Za-z]+/.exec(query)?.[0].toUpperCase() ?? '';
  // A complete ID knows its type; a partial one (`T10`) is padded to look like one.
  return kindOfId(`${letters}0000`);
}

export function attackIdCompletions(
  context: Extract<CompletionContext, { kind: 'attack-id' }>,
  kb: KnowledgeBase,
): CompletionList {
  const type = typeOfPrefix(context.query);
  if (!type) return { isIncomplete: false, items: [] };
  const prefix = context.query.toUpperCase();
  const found: AttackObject[] = kb.all(type).filter((object) => object.id.startsWith(prefix));
  // A revoked or deprecated object typed in full is still worth showing, struck through.
  const exact = kb.get(prefix);
  if (exact && !found.includes(exact)) found.unshift(exact);
  found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shown = found.slice(0, MAX_ID_ITEMS);
  const items = shown.map((object): CompletionItem => ({
    label: object.id,
    labelDetails: { description: object.name },
    kind: CompletionItemKind.Constant,
    detail: objectDetail(object),
    documentation: objectDocumentation(object, kb),
    sortText: sortText(0, object.id),
    filterText: object.id,
    textEdit: { range: context.replace, newText: object.id },
    ...retiredTags(object),
  }));
  return { isIncomplete: found.length > shown.length, items };
}
