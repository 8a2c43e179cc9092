import type { IndexedNote } from '../index/types';
import type { VaultDefinition } from './knowledgeBase';

/**
 * The IDs the vault's notes define (a note whose identity is `M9001`), as definitions for
 * `AttackKnowledgeBase.withVaultDefinitions`. Shared by the server and the CLI so that both know
 * the same IDs under the same names. The name is the note's file name, as links name the note.
 */
export function vaultDefinitionsOf(notes: Iterable<IndexedNote>): VaultDefinition[] {
  const definitions: VaultDefinition[] = [];
  for (const indexed of notes) {
    const identity = indexed.identity;
    if (!identity) continue;
    definitions.push({
      id: identity.id,
      name: indexed.name,
      uri: indexed.uri,
      kind: identity.kind,
    });
  }
  return definitions;
}
