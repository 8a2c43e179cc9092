import type { VaultIndex } from '../../index/types';
import type { VaultDefinition } from '../../kb/knowledgeBase';
import { vaultDefinitionsOf } from '../../kb/vaultDefinitions';

/**
 * The IDs the vault's own notes define (a custom mitigation `M9001`, a company technique), for
 * `AttackKnowledgeBase.withVaultDefinitions`: references to them are then not "unknown". The
 * server uses the same derivation (`vaultDefinitionsOf`), so the CLI and the editor agree.
 */
export function vaultDefinitions(index: VaultIndex): VaultDefinition[] {
  return vaultDefinitionsOf(index.notes());
}
