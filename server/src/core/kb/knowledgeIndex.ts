import type { KnowledgeLayer } from './layers';
import { kindOfId, normaliseId, normaliseName } from './names';
import { searchEntry, type SearchEntry } from './search';
import { isLive } from './statistics';
import type { AttackDomain, AttackObject, AttackObjectType } from './types';

/**
 * The merged, read-only index of a stack of layers. Only the ID map is built up front, from IDs,
 * kinds and statuses (no object is built); mappings, names, search entries and per-type lists are
 * built on first use. That is what keeps start-up within its 50 ms budget.
 */
export class KnowledgeIndex {
  /** Upper-case ID → slot (see `slotOf`): numbers, so that start-up allocates no object per ID. */
  private readonly slots = new Map<string, number>();
  private mitigations?: { byTechnique: Map<string, string[]>; byMitigation: Map<string, string[]> };
  private childrenByParent?: Map<string, string[]>;
  private readonly liveCache = new Map<string, readonly AttackObject[]>();
  private readonly platformCache = new Map<AttackDomain, readonly string[]>();
  private names?: Map<string, AttackObject[]>;
  private readonly entries = new Map<AttackObjectType | '*', readonly SearchEntry[]>();

  constructor(private readonly layers: readonly KnowledgeLayer[]) {
    layers.forEach((layer, layerIndex) => {
      // Within one layer an ID can name two objects (ATT&CK kept old technique-numbered
      // mitigations): the better one wins. Across layers the later layer overrides.
      const fromThisLayer = new Set<string>();
      for (let entry = 0; entry < layer.size; entry++) {
        const key = layer.idAt(entry);
        if (fromThisLayer.has(key)) {
          const rival = entryOf(this.slots.get(key)!);
          if (preference(layer, entry) <= preference(layer, rival)) continue;
        } else fromThisLayer.add(key);
        this.slots.set(key, slotOf(layerIndex, entry));
      }
    });
  }

  has(id: string): boolean {
    return this.slots.has(normaliseId(id));
  }

  get(id: string): AttackObject | undefined {
    const slot = this.slots.get(normaliseId(id));
    return slot === undefined ? undefined : this.objectAt(slot);
  }

  private objectAt(slot: number): AttackObject {
    return this.layers[layerOf(slot)].objectAt(entryOf(slot));
  }

  private mitigationMaps() {
    if (this.mitigations) return this.mitigations;
    const byTechnique = new Map<string, string[]>();
    const byMitigation = new Map<string, string[]>();
    for (const layer of this.layers) {
      for (const [mitigationId, techniqueId] of layer.mitigationPairs()) {
        const mitigation = this.get(mitigationId);
        const technique = this.get(techniqueId);
        if (mitigation?.type !== 'mitigation' || technique?.type !== 'technique') continue;
        if (!isLive(mitigation) || !isLive(technique)) continue;
        if (byTechnique.get(technique.id)?.includes(mitigation.id)) continue; // repeated by a bundle
        push(byTechnique, technique.id, mitigation.id);
        push(byMitigation, mitigation.id, technique.id);
      }
    }
    for (const list of byTechnique.values()) list.sort();
    for (const list of byMitigation.values()) list.sort();
    this.mitigations = { byTechnique, byMitigation };
    return this.mitigations;
  }

  mitigationsOf(techniqueId: string): readonly string[] {
    return this.mitigationMaps().byTechnique.get(normaliseId(techniqueId)) ?? [];
  }

  techniquesOf(mitigationId: string): readonly string[] {
    return this.mitigationMaps().byMitigation.get(normaliseId(mitigationId)) ?? [];
  }

  subtechniquesOf(techniqueId: string): readonly string[] {
    if (!this.childrenByParent) {
      this.childrenByParent = new Map();
      for (const technique of this.live('technique')) {
        if (technique.parent)
          push(this.childrenByParent, normaliseId(technique.parent), technique.id);
      }
    }
    return this.childrenByParent.get(normaliseId(techniqueId)) ?? [];
  }

  /** Live objects of a type, in ID order; cached per type and domain. */
  live(type: AttackObjectType, domain?: AttackDomain): readonly AttackObject[] {
    const key = `${type}/${domain ?? '*'}`;
    let list = this.liveCache.get(key);
    if (!list) {
      list = domain
        ? this.live(type).filter((o) => o.domains.includes(domain))
        : this.liveOfType(type);
      this.liveCache.set(key, list);
    }
    return list;
  }

  private liveOfType(type: AttackObjectType): AttackObject[] {
    const found: AttackObject[] = [];
    for (const slot of this.slots.values()) {
      const layer = this.layers[layerOf(slot)];
      const entry = entryOf(slot);
      if (layer.typeAt(entry) === type && layer.statusRankAt(entry) === 2) {
        found.push(layer.objectAt(entry));
      }
    }
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Objects by normalised name or alias; live objects first. */
  byName(normalisedName: string): readonly AttackObject[] {
    if (!this.names) {
      // Plain loops: this runs over every object on the first name lookup of a session.
      const names = new Map<string, AttackObject[]>();
      const add = (name: string, object: AttackObject) => {
        const key = normaliseName(name);
        const list = names.get(key);
        if (!list) names.set(key, [object]);
        else if (!list.includes(object)) list.push(object);
      };
      for (const slot of this.slots.values()) {
        const object = this.objectAt(slot);
        add(object.name, object);
        if (object.aliases) for (const alias of object.aliases) add(alias, object);
      }
      for (const list of names.values()) {
        if (list.length > 1) list.sort((a, b) => Number(isLive(b)) - Number(isLive(a)));
      }
      this.names = names;
    }
    return this.names.get(normalisedName) ?? [];
  }

  /** Search entries of the live objects (of one type): completion usually wants one kind. */
  searchEntries(type?: AttackObjectType): readonly SearchEntry[] {
    const key = type ?? '*';
    let list = this.entries.get(key);
    if (!list) {
      if (type) list = this.searchEntries().filter((entry) => entry.object.type === type);
      else {
        const all: SearchEntry[] = [];
        for (const slot of this.slots.values()) {
          const object = this.objectAt(slot);
          if (isLive(object)) all.push(searchEntry(object));
        }
        list = all;
      }
      this.entries.set(key, list);
    }
    return list;
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

/** Entries per layer a slot number can address; far above any real bundle. */
const SLOT_STRIDE = 2 ** 24;

function slotOf(layer: number, entry: number): number {
  return layer * SLOT_STRIDE + entry;
}

function layerOf(slot: number): number {
  return Math.floor(slot / SLOT_STRIDE);
}

function entryOf(slot: number): number {
  return slot % SLOT_STRIDE;
}

/** Higher wins: the kind the ID's prefix names, then live over deprecated over revoked. */
function preference(layer: KnowledgeLayer, entry: number): number {
  const kindMatches = kindOfId(layer.idAt(entry)) === layer.typeAt(entry) ? 4 : 0;
  return kindMatches + layer.statusRankAt(entry);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
