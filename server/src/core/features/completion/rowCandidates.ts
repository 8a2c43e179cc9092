import { normaliseId } from '../../kb/names';
import type { AttackObject, KnowledgeBase } from '../../kb/types';

/** What a table kind offers: the related objects first, the other candidates after them. */
export interface RowCandidates {
  objects: readonly AttackObject[];
  /** IDs ATT&CK relates to the note (mapped mitigations, sub-techniques, addressed techniques). */
  related: ReadonlySet<string>;
  /** Said of a related object in its detail (`mapped to T1059.006`). */
  relation: string;
}

/** The related objects (in ATT&CK's order) followed by the rest of `pool`, each once. */
export function withRelatedFirst(
  kb: KnowledgeBase,
  relatedIds: readonly string[],
  pool: readonly AttackObject[],
  relation: string,
): RowCandidates {
  const objects = new Map<string, AttackObject>();
  for (const id of relatedIds) {
    const object = kb.get(id);
    if (object) objects.set(object.id, object);
  }
  for (const object of pool) if (!objects.has(object.id)) objects.set(object.id, object);
  return {
    objects: [...objects.values()],
    related: new Set(relatedIds.map(normaliseId)),
    relation,
  };
}
