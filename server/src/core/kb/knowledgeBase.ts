import { OBJECT_TYPES } from './catalog';
import { KnowledgeIndex } from './knowledgeIndex';
import type { KnowledgeLayer } from './layers';
import { kindOfId, normaliseId, normaliseName, parentTechniqueId } from './names';
import { rankEntries, searchEntry, type SearchEntry } from './search';
import { liveCountsByType } from './statistics';
import type {
  AttackDomain,
  AttackObject,
  AttackObjectType,
  KnowledgeBase,
  KnowledgeSource,
  Resolution,
} from './types';

/** An ATT&CK ID that a note of the vault defines (a custom mitigation, a company technique). */
export interface VaultDefinition {
  id: string;
  name: string;
  /** URI of the defining note. */
  uri: string;
  /** The note's kind; when it names no ATT&CK type the ID's prefix decides. */
  kind?: string;
  /** Unknown for most notes; an object without domains matches every domain filter. */
  domains?: AttackDomain[];
}

export const VAULT_SOURCE_NAME = 'Vault notes';
const DEFAULT_SEARCH_LIMIT = 50;
/** Revocation chains in ATT&CK are short; the bound only guards against cycles in user data. */
const MAX_REVOCATION_HOPS = 8;

/** The vault's own objects: only IDs the layers below do not know. */
class VaultOverlay {
  readonly byId = new Map<string, AttackObject>();
  readonly byName = new Map<string, AttackObject[]>();
  readonly entries: SearchEntry[] = [];

  constructor(definitions: Iterable<VaultDefinition>, known: (key: string) => boolean) {
    for (const definition of definitions) {
      const key = normaliseId(definition.id);
      const type = typeOfDefinition(definition);
      if (!type || known(key) || this.byId.has(key)) continue;
      const object: AttackObject = {
        id: key,
        name: definition.name.trim() || key,
        type,
        domains: definition.domains ?? [],
        source: VAULT_SOURCE_NAME,
        definitionUri: definition.uri,
      };
      const parent = type === 'technique' ? parentTechniqueId(key) : undefined;
      if (parent) object.parent = parent;
      this.byId.set(key, object);
      const nameKey = normaliseName(object.name);
      this.byName.set(nameKey, [...(this.byName.get(nameKey) ?? []), object]);
      this.entries.push(searchEntry(object));
    }
  }
}

const OBJECT_TYPE_NAMES: ReadonlySet<string> = new Set<string>(OBJECT_TYPES);

function typeOfDefinition(definition: VaultDefinition): AttackObjectType | undefined {
  if (definition.kind && OBJECT_TYPE_NAMES.has(definition.kind)) {
    return definition.kind as AttackObjectType;
  }
  return kindOfId(definition.id);
}

/**
 * The knowledge base the server and the CLI use. Immutable: a change of user bundles builds a
 * new one from layers, and a change of vault notes derives one with `withVaultDefinitions`, which
 * shares the (large) catalog index and only indexes the notes' few IDs.
 */
export class AttackKnowledgeBase implements KnowledgeBase {
  readonly attackVersion: string;
  readonly sources: readonly KnowledgeSource[];

  private constructor(
    private readonly layers: readonly KnowledgeLayer[],
    private readonly index: KnowledgeIndex,
    private readonly vault: VaultOverlay,
  ) {
    this.attackVersion = layers.find((l) => l.source.kind === 'catalog')?.source.version ?? '';
    const vaultSources: KnowledgeSource[] =
      vault.byId.size > 0
        ? [
            {
              name: VAULT_SOURCE_NAME,
              kind: 'vault',
              counts: liveCountsByType(vault.byId.values()),
            },
          ]
        : [];
    this.sources = [...layers.map((l) => l.source), ...vaultSources];
  }

  /** Layers in order: catalog first, then user bundles (later ones override earlier ones). */
  static fromLayers(layers: readonly KnowledgeLayer[]): AttackKnowledgeBase {
    return new AttackKnowledgeBase(
      layers,
      new KnowledgeIndex(layers),
      new VaultOverlay([], () => true),
    );
  }

  /** A knowledge base that also knows the IDs the vault's notes define and nothing else knows. */
  withVaultDefinitions(definitions: Iterable<VaultDefinition>): AttackKnowledgeBase {
    const overlay = new VaultOverlay(definitions, (key) => this.index.has(key));
    return new AttackKnowledgeBase(this.layers, this.index, overlay);
  }

  /**
   * Builds the indexes that are otherwise built on first use (names, search, mappings), so that a
   * server can pay for them while idle instead of in the user's first completion or hover.
   */
  warmUp(): void {
    for (const step of this.warmUpSteps()) step();
  }

  /** The same warm-up in steps of tens of milliseconds, for a server to run between messages. */
  warmUpSteps(): (() => void)[] {
    return [
      () => this.index.byName(''),
      () => this.index.searchEntries(),
      () => this.index.mitigationsOf(''),
      () => this.index.subtechniquesOf(''),
    ];
  }

  /** The layers it was built from (for rebuilding with other user bundles). */
  get knowledgeLayers(): readonly KnowledgeLayer[] {
    return this.layers;
  }

  get(id: string): AttackObject | undefined {
    const key = normaliseId(id);
    return this.index.get(key) ?? this.vault.byId.get(key);
  }

  resolve(id: string): Resolution | undefined {
    const object = this.get(id);
    if (!object) return undefined;
    let replacement: AttackObject | undefined;
    let current = object;
    for (let hop = 0; hop < MAX_REVOCATION_HOPS && current.revoked && current.revokedBy; hop++) {
      const next = this.get(current.revokedBy);
      if (!next) break;
      replacement = current = next;
    }
    return replacement ? { object, replacement } : { object };
  }

  mitigationsOf(techniqueId: string): readonly string[] {
    return this.index.mitigationsOf(techniqueId);
  }

  techniquesOf(mitigationId: string): readonly string[] {
    return this.index.techniquesOf(mitigationId);
  }

  subtechniquesOf(techniqueId: string): readonly string[] {
    const own = this.index.subtechniquesOf(techniqueId);
    const parent = normaliseId(techniqueId);
    const fromVault = [...this.vault.byId.values()]
      .filter((o) => o.parent === parent)
      .map((o) => o.id);
    return fromVault.length === 0 ? own : [...own, ...fromVault].sort();
  }

  findByName(name: string, type?: AttackObjectType): readonly AttackObject[] {
    const key = normaliseName(name);
    const found = [...this.index.byName(key), ...(this.vault.byName.get(key) ?? [])];
    return type ? found.filter((o) => o.type === type) : found;
  }

  search(
    query: string,
    options: { type?: AttackObjectType; domain?: AttackDomain; limit?: number } = {},
  ): AttackObject[] {
    const { type, domain } = options;
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    const wanted = (entry: SearchEntry) =>
      (!type || entry.object.type === type) &&
      (!domain || entry.object.domains.length === 0 || entry.object.domains.includes(domain));
    const candidates = [...this.index.searchEntries(type), ...this.vault.entries].filter(wanted);
    const normalised = normaliseName(query);
    if (normalised === '') return candidates.slice(0, limit).map((entry) => entry.object);
    const ranked = rankEntries(candidates, normalised, limit);
    // An exact ID of a revoked or deprecated object is still worth showing, flagged by the caller.
    const exact = this.get(query);
    if (exact && !ranked.includes(exact) && (!type || exact.type === type)) {
      ranked.unshift(exact);
      ranked.length = Math.min(ranked.length, limit);
    }
    return ranked;
  }

  all(type: AttackObjectType, domain?: AttackDomain): readonly AttackObject[] {
    const own = this.index.live(type, domain);
    const fromVault = [...this.vault.byId.values()].filter(
      (o) => o.type === type && (!domain || o.domains.length === 0 || o.domains.includes(domain)),
    );
    return fromVault.length === 0 ? own : [...own, ...fromVault];
  }

  platforms(domain: AttackDomain): readonly string[] {
    return this.index.platforms(domain);
  }
}
