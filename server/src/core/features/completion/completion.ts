import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { describeObject } from '../attackMarkdown';
import { notePreview } from '../notePreview';
import { attackIdCompletions } from './attackIds';
import { citationCompletions } from './citations';
import { completionContext } from './context';
import { markdown } from './items';
import { tableRowLinkCompletions } from './tableRowLinks';
import { tableRowCompletions } from './tableRows';
import { platformCompletions, tacticCompletions } from './tacticsPlatforms';
import {
  isNoteItemData,
  wikilinkAliasCompletions,
  wikilinkHeadingCompletions,
  wikilinkTargetCompletions,
} from './wikilinks';

/** Characters after which clients should ask for completion without being told to. */
export const COMPLETION_TRIGGER_CHARACTERS = ['[', '#', '|', '('];

/**
 * Completion at a position of a note: the context decides which module answers. Undefined when
 * nothing fits, so other providers (VS Code's own Markdown paths, words) have the stage.
 */
export interface CompletionOptions {
  /** The client expands snippets (LSP `snippetSupport`); without it rows are plain text. */
  snippets?: boolean;
}

export function completion(
  note: Note,
  index: VaultIndex,
  kb: KnowledgeBase,
  position: Position,
  options: CompletionOptions = {},
): CompletionList | undefined {
  const context = completionContext(note, position);
  if (!context) return undefined;
  switch (context.kind) {
    case 'wikilink-target':
      return wikilinkTargetCompletions(context, note, index, kb);
    case 'wikilink-heading':
      return wikilinkHeadingCompletions(context, note, index);
    case 'wikilink-alias':
      return wikilinkAliasCompletions(context, note, index, kb);
    case 'citation':
      return citationCompletions(context, note);
    case 'table-new-row':
    case 'table-id-cell':
      return tableRowCompletions(context, note, index, kb, options.snippets ?? true);
    case 'table-row-link':
      return tableRowLinkCompletions(context, note, index, kb, options.snippets ?? true);
    case 'list-line':
    case 'frontmatter-item':
      return context.list === 'tactics'
        ? tacticCompletions(context, note, index, kb)
        : platformCompletions(context, note, kb);
    case 'attack-id':
      return attackIdCompletions(context, kb);
  }
}

/**
 * Fills in what a list item leaves out to stay cheap: a note item's documentation (its ATT&CK
 * facts and the opening of its text), read only for the item the user looks at.
 */
export function resolveCompletionItem(
  item: CompletionItem,
  index: VaultIndex,
  kb: KnowledgeBase,
): CompletionItem {
  if (item.documentation || !isNoteItemData(item.data)) return item;
  const target = index.get(item.data.uri);
  if (!target) return item;
  const id = target.identity?.id;
  const object = id ? kb.get(id) : undefined;
  const parts = [object ? describeObject(object, kb) : `**${target.name}**`];
  parts.push(`\`${target.vaultPath}\``);
  const preview = notePreview(target.note);
  if (preview) parts.push(preview);
  return { ...item, documentation: markdown(parts.join('\n\n')) };
}
