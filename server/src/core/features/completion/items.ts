import {
  CompletionItemTag,
  MarkupKind,
  type CompletionItem,
  type MarkupContent,
} from 'vscode-languageserver-types';
import type { AttackObject, KnowledgeBase } from '../../kb/types';
import { describeObject, isRetired } from '../attackMarkdown';

/** Pieces every completion module uses to describe an ATT&CK object the same way. */

export function markdown(value: string): MarkupContent {
  return { kind: MarkupKind.Markdown, value };
}

export function objectDocumentation(object: AttackObject, kb: KnowledgeBase): MarkupContent {
  return markdown(describeObject(object, kb));
}

/** Struck through in the list: revoked and deprecated objects. */
export function retiredTags(object: AttackObject): Pick<CompletionItem, 'tags'> {
  return isRetired(object) ? { tags: [CompletionItemTag.Deprecated] } : {};
}

/**
 * Sort text: the tier first (0 = most relevant), then the key, so clients that sort by label
 * alone still keep the tiers apart.
 */
export function sortText(tier: number, key: string): string {
  return `${tier}_${key}`;
}

/** A zero-padded rank for keys that are positions in an already ranked list. */
export function rankKey(rank: number): string {
  return String(rank).padStart(5, '0');
}

/**
 * Filter text of an item that replaces the whole line: clients filter on the line's text from its
 * start (`| M`, `- Ex`), so the text starts with the marker typed so far and one space, whatever
 * spacing the user typed after it.
 */
export function lineFilterText(lead: string, label: string): string {
  const marker = lead.trimEnd();
  return marker === '' ? label : `${marker} ${label}`;
}
