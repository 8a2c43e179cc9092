import type { DecodedCatalog } from './catalog';
import type { AttackFacts, StixReadResult } from './stix';
import { liveCountsByType } from './statistics';
import type { AttackObject, KnowledgeSource } from './types';

/**
 * A layer is one source's objects. The knowledge base stacks them: the bundled catalog, then the
 * user's bundles in setting order (each overriding what is below), then the vault's own notes.
 */
export interface KnowledgeLayer {
  source: KnowledgeSource;
  objects: readonly AttackObject[];
  /** [mitigation ID, technique ID] pairs. */
  mitigates: ReadonlyArray<readonly [string, string]>;
  /** Looks an object up by STIX ID, for bundles whose relationships point into this layer. */
  findByStixId(stixId: string): AttackObject | undefined;
  /** IDs are already upper-case and trimmed (the catalog), so indexing can skip normalising. */
  idsNormalised?: boolean;
  /** Catalog metadata (release date, latest modification), when the layer is the catalog. */
  catalog?: Pick<DecodedCatalog, 'released' | 'modified' | 'bundles'>;
}

/** `loadStixIds` gives the STIX IDs parallel to `decoded.objects`; it is called at most once. */
export function catalogLayer(
  decoded: DecodedCatalog,
  location: string,
  loadStixIds: () => readonly string[],
): KnowledgeLayer {
  const objects = decoded.objects;
  let byStixId: Map<string, AttackObject> | undefined;
  return {
    source: {
      name: objects[0]?.source ?? `ATT&CK v${decoded.attackVersion}`,
      kind: 'catalog',
      version: decoded.attackVersion,
      location,
      counts: liveCountsByType(objects),
    },
    objects,
    idsNormalised: true,
    mitigates: decoded.mitigates,
    // Built on first use: only user bundles that refer to official objects need it.
    findByStixId(stixId) {
      if (!byStixId) {
        const ids = loadStixIds();
        byStixId = new Map(
          ids.length === objects.length ? ids.map((id, i) => [id, objects[i]]) : [],
        );
      }
      return byStixId.get(stixId);
    },
    catalog: { released: decoded.released, modified: decoded.modified, bundles: decoded.bundles },
  };
}

/** A layer from a user's STIX bundle (already read); `name` labels it in the UI. */
export function bundleLayer(
  result: StixReadResult,
  name: string,
  location: string,
): KnowledgeLayer {
  const byStixId = new Map<string, AttackObject>();
  const objects = result.objects.map((facts) => {
    const object = toObject(facts, name);
    byStixId.set(facts.stixId, object);
    return object;
  });
  return {
    source: {
      name,
      kind: 'stix-bundle',
      ...(result.attackVersion ? { version: result.attackVersion } : {}),
      location,
      counts: liveCountsByType(objects),
      skipped: result.skipped,
    },
    objects,
    mitigates: result.mitigates,
    findByStixId: (stixId) => byStixId.get(stixId),
  };
}

function toObject(facts: AttackFacts, source: string): AttackObject {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { stixId, modified, ...object } = facts;
  return { ...object, source };
}
