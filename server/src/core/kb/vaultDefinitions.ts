import type { IndexedNote } from '../index/types';
import type { VaultDefinition } from './knowledgeBase';

/**
 * The IDs the vault's notes define (a note whose identity is `M9001`), as definitions for
 * `AttackKnowledgeBase.withVaultDefinitions`. Shared by the server and the CLI.
 */
export function vaultDefinitionsOf(notes: Iterable<IndexedNote>): VaultDefinition[] {
  const definitions: VaultDefinition[] = [];
  for (const indexed of notes) {
    const identity = indexed.note.identity;
    if (!identity) continue;
    definitions.push({
      id: identity.id,
      name: nameOf(indexed, identity.id),
      uri: indexed.uri,
      kind: identity.kind,
    });
  }
  return definitions;
}

/**
 * The object's name as the note gives it: the first-level heading, else the file name, without
 * the ID and the separator notes put after it (`M9001 - Company EDR Policy`, `M9001-Company_EDR`).
 */
function nameOf(indexed: IndexedNote, id: string): string {
  const title = indexed.note.headings.find((h) => h.level === 1)?.text ?? indexed.name;
  const withoutId = title.toUpperCase().startsWith(id.toUpperCase())
    ? title.slice(id.length)
    : title;
  const name = withoutId
    .replace(/^[\s\-–—:|_.]+/u, '')
    .replace(/_/g, ' ')
    .trim();
  return name || id;
}
