import type { KnowledgeLayer } from './layers';
import { kindOfId, normaliseId, normaliseName } from './names';
import { searchEntry, type SearchEntry } from './search';
import { isLive } from './statistics';
import type { AttackDomain, AttackObject, AttackObjectType } from './types';

/**
 * The merged, read-only index of a stack of layers. Only the ID map and the mappings are built up
 * front (they are needed on the first diagnostic); the name index and search entries are built on
 * first use, which keeps start-up within the load budget.
 */
export class KnowledgeIndex {
  readonly byId = new Map<string, AttackObject>();
  private readonly mitigationsByTechnique = new Map<string, string[]>();
  private readonly techniquesByMitigation = new Map<string, string[]>();
  private readonly childrenByParent = new Map<string, string[]>();
  private readonly liveCache = new Map<string, readonly AttackObject[]>();
  private readonly platformCache = new Map<AttackDomain, readonly string[]>();
  private names?: Map<string, AttackObject[]>;
  private entries?: SearchEntry[];

  constructor(layers: readonly KnowledgeLayer[]) {
    for (const layer of layers) {
      // Within one layer an ID can name two objects (ATT&CK kept old technique-numbered
      // mitigations): the better one wins. Across layers the later layer overrides.
      const fromThisLayer = new Set<string>();
      for (const object of layer.objects) {
        const key = layer.idsNormalised ? object.id : normaliseId(object.id);
        if (fromThisLayer.has(key)) {
          if (preference(object) <= preference(this.byId.get(key)!)) continue;
        } else fromThisLayer.add(key);
        this.byId.set(key, object);
      }
    }
    this.indexMitigations(layers);
    this.indexSubtechniques();
  }

  private indexMitigations(layers: readonly KnowledgeLayer[]): void {
    for (const layer of layers) {
      for (const [mitigationId, techniqueId] of layer.mitigates) {
        const mitigation = this.byId.get(
          layer.idsNormalised ? mitigationId : normaliseId(mitigationId),
        );
        const technique = this.byId.get(
          layer.idsNormalised ? techniqueId : normaliseId(techniqueId),
        );
        if (mitigation?.type !== 'mitigation' || technique?.type !== 'technique') continue;
        if (!isLive(mitigation) || !isLive(technique)) continue;
        const known = this.mitigationsByTechnique.get(technique.id);
        if (known?.includes(mitigation.id)) continue; // a bundle repeating the catalog's pair
        push(this.mitigationsByTechnique, technique.id, mitigation.id);
        push(this.techniquesByMitigation, mitigation.id, technique.id);
      }
    }
    for (const list of this.mitigationsByTechnique.values()) list.sort();
    for (const list of this.techniquesByMitigation.values()) list.sort();
  }

  private indexSubtechniques(): void {
    for (const object of this.byId.values()) {
      if (object.type === 'technique' && object.parent && isLive(object)) {
        push(this.childrenByParent, normaliseId(object.parent), object.id);
      }
    }
    for (const list of this.childrenByParent.values()) list.sort();
  }

  mitigationsOf(techniqueId: string): readonly string[] {
    return this.mitigationsByTechnique.get(normaliseId(techniqueId)) ?? [];
  }

  techniquesOf(mitigationId: string): readonly string[] {
    return this.techniquesByMitigation.get(normaliseId(mitigationId)) ?? [];
  }

  subtechniquesOf(techniqueId: string): readonly string[] {
    return this.childrenByParent.get(normaliseId(techniqueId)) ?? [];
  }

  /** Live objects of a type, in ID order; cached per type and domain. */
  live(type: AttackObjectType, domain?: AttackDomain): readonly AttackObject[] {
    const key = `${type}/${domain ?? '*'}`;
    let list = this.liveCache.get(key);
    if (!list) {
      list = [...this.byId.values()]
        .filter((o) => o.type === type && isLive(o) && (!domain || o.domains.includes(domain)))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.liveCache.set(key, list);
    }
    return list;
  }

  /** Objects by normalised name or alias; live objects first. */
  byName(normalisedName: string): readonly AttackObject[] {
    if (!this.names) {
      this.names = new Map();
      for (const object of this.byId.values()) {
        const keys = new Set([object.name, ...(object.aliases ?? [])].map(normaliseName));
        for (const key of keys) push(this.names, key, object);
      }
      for (const list of this.names.values()) {
        list.sort((a, b) => Number(isLive(b)) - Number(isLive(a)));
      }
    }
    return this.names.get(normalisedName) ?? [];
  }

  /** Search entries of every live object. */
  searchEntries(): readonly SearchEntry[] {
    this.entries ??= [...this.byId.values()].filter(isLive).map(searchEntry);
    return this.entries;
  }

  platforms(domain: AttackDomain): readonly string[] {
    let list = this.platformCache.get(domain);
    if (!list) {
      const names = new Set(this.live('technique', domain).flatMap((t) => t.platforms ?? []));
      list = [...names].sort((a, b) => a.localeCompare(b, 'en'));
      this.platformCache.set(domain, list);
    }
    return list;
  }
}

/** Higher wins: the kind the ID's prefix names, then live over deprecated over revoked. */
function preference(object: AttackObject): number {
  const kindMatches = kindOfId(object.id) === object.type ? 4 : 0;
  const status = object.revoked ? 0 : object.deprecated ? 1 : 2;
  return kindMatches + status;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
