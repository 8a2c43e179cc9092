import type { VaultIndex } from '../../index/types';
import type { VaultDefinition } from '../../kb/knowledgeBase';

/**
 * The IDs the vault's own notes define (a custom mitigation `M9001`, a company technique), for
 * `AttackKnowledgeBase.withVaultDefinitions`: references to them are then not "unknown".
 */
export function vaultDefinitions(index: VaultIndex): VaultDefinition[] {
  const definitions: VaultDefinition[] = [];
  for (const indexed of index.notes()) {
    const identity = indexed.note.identity;
    if (identity) {
      definitions.push({
        id: identity.id,
        name: indexed.name,
        uri: indexed.uri,
        kind: identity.kind,
      });
    }
  }
  return definitions;
}
