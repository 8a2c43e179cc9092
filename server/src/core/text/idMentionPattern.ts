import { ATTACK_ID } from '../kb/names';

/**
 * How an ATT&CK ID is mentioned in a note's text: in running text, table cells, link aliases,
 * headings and front matter. An ID right after a `/` is part of a URL or a vault path
 * (`https://attack.mitre.org/techniques/T1059/006`, `kb/.../M1033-Limit...`), where it names a page
 * or a file rather than the object, so it is not a mention. Shared by the index (which IDs a note
 * mentions, kept in its summary) and the references feature (where).
 */
const MENTION_SOURCE = `(?<![/\\w])(?:${ATTACK_ID.source.replace(/^\\b|\\b$/g, '')})(?!\\w|\\.\\d)`;

/** A fresh global pattern (so `lastIndex` never leaks between callers) for `id`, or for any ID. */
export function mentionPattern(id?: string): RegExp {
  if (!id) return new RegExp(MENTION_SOURCE, 'gi');
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `T1059` must not match the start of `T1059.006`.
  return new RegExp(`(?<![/\\w])${escaped}(?!\\w|\\.\\d)`, 'gi');
}

/** Every ID the text mentions, upper-case, once each. */
export function mentionedIdsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(mentionPattern())) found.add(match[0].toUpperCase());
  return found;
}
