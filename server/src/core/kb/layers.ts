import {
  catalogMitigations,
  checkCatalogFormat,
  decodeRow,
  rowStatusRank,
  rowType,
  type CatalogFile,
  type CatalogMeta,
} from './catalog';
import { normaliseId } from './names';
import type { AttackFacts, StixReadResult } from './stix';
import { statusRank } from './statistics';
import type { AttackObject, AttackObjectType, KnowledgeSource } from './types';

/**
 * A layer is one source's objects. The knowledge base stacks them: the bundled catalog, then the
 * user's bundles in setting order (each overriding what is below), then the vault's own notes.
 *
 * Entries are addressed by position so that the index can be built from IDs, kinds and statuses
 * alone: the catalog builds an entry's object only when someone asks for it, which keeps the
 * server's start-up (thousands of rows) within its time budget.
 */
export interface KnowledgeLayer {
  readonly source: KnowledgeSource;
  readonly size: number;
  /** The entry's ID, upper-case. */
  idAt(index: number): string;
  typeAt(index: number): AttackObjectType;
  /** 2 live, 1 deprecated, 0 revoked. */
  statusRankAt(index: number): number;
  objectAt(index: number): AttackObject;
  /** Every object; builds them all, so keep it off the start-up path. */
  readonly objects: readonly AttackObject[];
  /** [mitigation ID, technique ID] pairs. */
  mitigationPairs(): Iterable<readonly [string, string]>;
  /** Looks an object up by STIX ID, for bundles whose relationships point into this layer. */
  findByStixId(stixId: string): AttackObject | undefined;
  /** Release facts, when the layer is the bundled catalog. */
  readonly catalog?: Omit<CatalogMeta, 'attackVersion'>;
}

/** The bundled catalog as a layer; `loadStixIds` gives the STIX IDs parallel to the rows. */
export class CatalogLayer implements KnowledgeLayer {
  readonly source: KnowledgeSource;
  readonly size: number;
  readonly catalog: Omit<CatalogMeta, 'attackVersion'>;
  private readonly built: Array<AttackObject | undefined>;
  private byStixId?: Map<string, number>;

  constructor(
    private readonly file: CatalogFile,
    location: string,
    private readonly loadStixIds: () => readonly string[],
  ) {
    checkCatalogFormat(file);
    this.size = file.objects.length;
    this.built = new Array<AttackObject | undefined>(this.size);
    const counts: KnowledgeSource['counts'] = {};
    for (const row of file.objects) {
      if (rowStatusRank(row) !== 2) continue;
      const type = rowType(row, file);
      counts[type] = (counts[type] ?? 0) + 1;
    }
    this.source = {
      name: `ATT&CK v${file.attackVersion}`,
      kind: 'catalog',
      version: file.attackVersion,
      location,
      counts,
    };
    this.catalog = { released: file.released, modified: file.modified, bundles: file.bundles };
  }

  idAt(index: number): string {
    return this.file.objects[index][0];
  }

  typeAt(index: number): AttackObjectType {
    return rowType(this.file.objects[index], this.file);
  }

  statusRankAt(index: number): number {
    return rowStatusRank(this.file.objects[index]);
  }

  objectAt(index: number): AttackObject {
    let object = this.built[index];
    if (!object) {
      object = decodeRow(this.file.objects[index], this.file, this.source.name);
      this.built[index] = object;
    }
    return object;
  }

  get objects(): readonly AttackObject[] {
    return Array.from({ length: this.size }, (_, i) => this.objectAt(i));
  }

  mitigationPairs(): Iterable<readonly [string, string]> {
    return catalogMitigations(this.file);
  }

  findByStixId(stixId: string): AttackObject | undefined {
    if (!this.byStixId) {
      const ids = this.loadStixIds();
      // A companion file out of step with the rows would map IDs to the wrong objects.
      this.byStixId = new Map(ids.length === this.size ? ids.map((id, i) => [id, i]) : []);
    }
    const index = this.byStixId.get(stixId);
    return index === undefined ? undefined : this.objectAt(index);
  }
}

/** A layer over ready-made objects: user bundles, tests. */
export class ObjectLayer implements KnowledgeLayer {
  readonly size: number;
  private readonly ids: string[];

  constructor(
    readonly source: KnowledgeSource,
    readonly objects: readonly AttackObject[],
    private readonly mitigates: ReadonlyArray<readonly [string, string]> = [],
    private readonly byStixId: ReadonlyMap<string, AttackObject> = new Map(),
  ) {
    this.size = objects.length;
    this.ids = objects.map((o) => normaliseId(o.id));
  }

  idAt(index: number): string {
    return this.ids[index];
  }

  typeAt(index: number): AttackObjectType {
    return this.objects[index].type;
  }

  statusRankAt(index: number): number {
    return statusRank(this.objects[index]);
  }

  objectAt(index: number): AttackObject {
    return this.objects[index];
  }

  mitigationPairs(): Iterable<readonly [string, string]> {
    return this.mitigates;
  }

  findByStixId(stixId: string): AttackObject | undefined {
    return this.byStixId.get(stixId);
  }
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
  const counts: KnowledgeSource['counts'] = {};
  for (const object of objects) {
    if (statusRank(object) === 2) counts[object.type] = (counts[object.type] ?? 0) + 1;
  }
  const source: KnowledgeSource = {
    name,
    kind: 'stix-bundle',
    ...(result.attackVersion ? { version: result.attackVersion } : {}),
    location,
    counts,
    skipped: result.skipped,
  };
  return new ObjectLayer(source, objects, result.mitigates, byStixId);
}

function toObject(facts: AttackFacts, source: string): AttackObject {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { stixId, modified, ...object } = facts;
  return { ...object, source };
}
