import { isAttackId, normaliseId, parentTechniqueId } from './names';
import {
  ATTACK_SOURCE_NAMES,
  KIND_BY_STIX_TYPE,
  domainOfKillChain,
  domainOfStixName,
  isRecord,
  stringField,
  stringList,
  type JsonRecord,
} from './stixShapes';
import type { AttackDomain, AttackObject } from './types';

/**
 * A lenient reader of STIX 2.0 / 2.1 bundles (ATT&CK releases and Workbench exports). It keeps
 * facts only (IDs, names, kinds, tactics, platforms, relationships) and never description prose.
 * An object that fails validation is skipped and counted; only a file that is not a bundle at all
 * is an error, so that one bad object in a large export never hides the rest.
 */

/** An object's facts as read from STIX, before a knowledge source is attached. */
export type AttackFacts = Omit<AttackObject, 'source'> & {
  stixId: string;
  modified?: string;
};

export interface StixReadResult {
  objects: AttackFacts[];
  /** `mitigates` relationships as [mitigation ID, technique ID]. */
  mitigates: Array<[string, string]>;
  /** Objects of ATT&CK types (and relationships) that failed validation. */
  skipped: number;
  /** Human-readable notes about skipped objects and unresolved references (a few examples). */
  warnings: string[];
  /** STIX spec version: the bundle's (2.0) or the objects' (2.1). */
  specVersion?: string;
  /** Name and version of an `x-mitre-collection` object, as Workbench and MITRE publish it. */
  collectionName?: string;
  attackVersion?: string;
  /** The latest `modified` timestamp of any object. */
  modified?: string;
  /** Domains of the bundle's matrices. */
  domains: AttackDomain[];
}

export interface StixReadOptions {
  /** Domain given to objects when the bundle does not say (no matrix, no `x_mitre_domains`). */
  defaultDomain?: AttackDomain;
  /** Looks up objects the bundle refers to but does not contain (e.g. official techniques). */
  resolveStixId?: (stixId: string) => Pick<AttackFacts, 'id' | 'type'> | undefined;
  /** Looks up a tactic ID of another source by domain and shortname. */
  resolveTactic?: (domain: AttackDomain, shortname: string) => string | undefined;
}

/** Raised when the input is not a STIX bundle at all. */
export class StixBundleError extends Error {}

const MAX_WARNINGS = 10;

export function readStixBundle(json: unknown, options: StixReadOptions = {}): StixReadResult {
  if (!isRecord(json) || json.type !== 'bundle' || !Array.isArray(json.objects)) {
    throw new StixBundleError('not a STIX bundle (expected {"type": "bundle", "objects": [...]})');
  }
  const reader = new BundleReader(options);
  reader.read(json);
  return reader.result(stringField(json, 'spec_version'));
}

class BundleReader {
  private readonly facts = new Map<string, AttackFacts>();
  private readonly relationships: JsonRecord[] = [];
  private readonly killChains = new Map<string, Array<{ chain: string; phase: string }>>();
  private readonly matrixDomains = new Set<AttackDomain>();
  private readonly warnings: string[] = [];
  private readonly mitigationPairs: Array<[string, string]> = [];
  private skipped = 0;
  private objectSpecVersion?: string;
  private collectionName?: string;
  private attackVersion?: string;
  private latestModified?: string;

  constructor(private readonly options: StixReadOptions) {}

  read(bundle: JsonRecord): void {
    const objects = bundle.objects as unknown[];
    for (const object of objects) this.collectMatrix(object);
    for (const object of objects) this.readObject(object);
    this.assignTactics();
    for (const relationship of this.relationships) this.applyRelationship(relationship);
  }

  result(bundleSpecVersion: string | undefined): StixReadResult {
    return {
      objects: [...this.facts.values()],
      mitigates: this.mitigationPairs,
      skipped: this.skipped,
      warnings: this.warnings,
      specVersion: bundleSpecVersion ?? this.objectSpecVersion,
      collectionName: this.collectionName,
      attackVersion: this.attackVersion,
      modified: this.latestModified,
      domains: [...this.matrixDomains].sort(),
    };
  }

  /** Matrices name the bundle's domain, which official objects inherit (see `domainsOf`). */
  private collectMatrix(object: unknown): void {
    if (!isRecord(object) || object.type !== 'x-mitre-matrix') return;
    for (const name of stringList(object, 'x_mitre_domains') ?? []) {
      const domain = domainOfStixName(name);
      if (domain) this.matrixDomains.add(domain);
    }
  }

  private skip(reason: string): void {
    this.skipped++;
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(reason);
    else if (this.warnings.length === MAX_WARNINGS) this.warnings.push('(more skipped objects)');
  }

  private readObject(object: unknown): void {
    if (!isRecord(object)) return this.skip('an entry of "objects" is not an object');
    const type = stringField(object, 'type');
    const stixId = stringField(object, 'id');
    if (!type || !stixId) return this.skip('an object has no "type" or "id"');
    this.noteMetadata(object);
    if (type === 'relationship') {
      this.relationships.push(object);
      return;
    }
    if (type === 'x-mitre-collection') {
      this.collectionName = stringField(object, 'name');
      this.attackVersion = stringField(object, 'x_mitre_version');
      return;
    }
    const kind = KIND_BY_STIX_TYPE[type];
    if (!kind) return; // identities, markings, matrices, other tools' custom types: not ATT&CK objects
    const id = attackIdOf(object);
    const name = stringField(object, 'name');
    if (!id) return this.skip(`${type} ${stixId} has no ATT&CK ID`);
    if (!name) return this.skip(`${type} ${id} has no name`);
    const facts: AttackFacts = {
      stixId,
      id,
      name: name.trim(),
      type: kind,
      domains: this.domainsOf(object),
    };
    this.addDetails(facts, object);
    // STIX allows several versions of one object in a bundle; the latest `modified` is current.
    const earlier = this.facts.get(stixId);
    if (earlier && (earlier.modified ?? '') > (facts.modified ?? '')) return;
    this.facts.set(stixId, facts);
  }

  private noteMetadata(object: JsonRecord): void {
    const spec = stringField(object, 'spec_version');
    if (spec) this.objectSpecVersion = spec;
    const modified = stringField(object, 'modified');
    if (modified && (!this.latestModified || modified > this.latestModified)) {
      this.latestModified = modified;
    }
  }

  /**
   * A single-domain bundle (every ATT&CK release file) gives its domain to all its objects, so an
   * object's domains are "the bundles that hold it". Multi-domain exports rely on each object's
   * `x_mitre_domains`.
   */
  private domainsOf(object: JsonRecord): AttackDomain[] {
    if (this.matrixDomains.size === 1) return [...this.matrixDomains];
    const declared = (stringList(object, 'x_mitre_domains') ?? [])
      .map(domainOfStixName)
      .filter((d): d is AttackDomain => d !== undefined);
    if (declared.length > 0) return [...new Set(declared)].sort();
    return [this.options.defaultDomain ?? 'enterprise'];
  }

  private addDetails(facts: AttackFacts, object: JsonRecord): void {
    const url = attackUrlOf(object);
    if (url) facts.url = url;
    const modified = stringField(object, 'modified');
    if (modified) facts.modified = modified;
    if (object.revoked === true) facts.revoked = true;
    if (object.x_mitre_deprecated === true) facts.deprecated = true;
    const platforms = stringList(object, 'x_mitre_platforms');
    if (platforms) facts.platforms = [...new Set(platforms)];
    const aliases = (stringList(object, 'aliases') ?? stringList(object, 'x_mitre_aliases'))
      ?.map((alias) => alias.trim())
      .filter((alias) => alias !== facts.name);
    if (aliases && aliases.length > 0) facts.aliases = [...new Set(aliases)];
    if (facts.type === 'tactic') {
      const shortname = stringField(object, 'x_mitre_shortname');
      if (shortname) facts.shortname = shortname;
    }
    if (facts.type === 'technique') {
      const parent =
        object.x_mitre_is_subtechnique === true ? parentTechniqueId(facts.id) : undefined;
      if (parent) facts.parent = parent;
      const phases = killChainPhases(object);
      if (phases.length > 0) this.killChains.set(facts.stixId, phases);
    }
  }

  /** Tactic IDs come from matching kill-chain phases to tactic shortnames of the same domain. */
  private assignTactics(): void {
    const local = new Map<string, string>();
    const tactics = [...this.facts.values()].filter((f) => f.type === 'tactic' && f.shortname);
    // Live tactics first; withdrawn ones (Mobile's Network Effects) still place their old techniques.
    tactics.sort((a, b) => Number(isWithdrawn(a)) - Number(isWithdrawn(b)));
    for (const tactic of tactics) {
      for (const domain of tactic.domains) {
        const key = `${domain}/${tactic.shortname}`;
        if (!local.has(key)) local.set(key, tactic.id);
      }
    }
    for (const [stixId, phases] of this.killChains) {
      const technique = this.facts.get(stixId);
      if (!technique) continue;
      const ids: string[] = [];
      for (const { chain, phase } of phases) {
        const domain = domainOfKillChain(chain) ?? technique.domains[0];
        const tactic =
          local.get(`${domain}/${phase}`) ?? this.options.resolveTactic?.(domain, phase);
        if (tactic) ids.push(tactic);
        else this.warn(`${technique.id}: no tactic "${phase}" in ${domain}`);
      }
      if (ids.length > 0) technique.tactics = [...new Set(ids)];
    }
  }

  private warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message);
  }

  private lookUp(stixId: string): Pick<AttackFacts, 'id' | 'type'> | undefined {
    return this.facts.get(stixId) ?? this.options.resolveStixId?.(stixId);
  }

  private applyRelationship(relationship: JsonRecord): void {
    const kind = stringField(relationship, 'relationship_type');
    const sourceRef = stringField(relationship, 'source_ref');
    const targetRef = stringField(relationship, 'target_ref');
    if (!kind || !sourceRef || !targetRef)
      return this.skip('a relationship lacks its type or ends');
    // Withdrawn relationships are history, not current mappings.
    if (relationship.revoked === true || relationship.x_mitre_deprecated === true) return;
    if (kind !== 'mitigates' && kind !== 'revoked-by' && kind !== 'subtechnique-of') return;
    const source = this.lookUp(sourceRef);
    const target = this.lookUp(targetRef);
    if (!source || !target) {
      this.warn(
        `${kind} relationship refers to an object that is not known: ${source ? targetRef : sourceRef}`,
      );
      return;
    }
    const own = this.facts.get(sourceRef);
    if (kind === 'mitigates' && source.type === 'mitigation' && target.type === 'technique') {
      this.mitigationPairs.push([source.id, target.id]);
    } else if (kind === 'revoked-by' && own) {
      own.revokedBy = target.id;
    } else if (kind === 'subtechnique-of' && own && target.type === 'technique') {
      own.parent = target.id;
    }
  }
}

function isWithdrawn(facts: AttackFacts): boolean {
  return facts.revoked === true || facts.deprecated === true;
}

/** The object's ATT&CK ID: the external reference of an ATT&CK source whose ID has ATT&CK form. */
function attackIdOf(object: JsonRecord): string | undefined {
  const reference = attackReferenceOf(object);
  const id = reference ? stringField(reference, 'external_id') : undefined;
  return id ? normaliseId(id) : undefined;
}

function attackReferenceOf(object: JsonRecord): JsonRecord | undefined {
  const references = Array.isArray(object.external_references) ? object.external_references : [];
  let fallback: JsonRecord | undefined;
  for (const reference of references) {
    if (!isRecord(reference)) continue;
    const id = stringField(reference, 'external_id');
    if (!id || !isAttackId(id.trim())) continue;
    const source = stringField(reference, 'source_name');
    if (source && ATTACK_SOURCE_NAMES.has(source)) return reference;
    fallback ??= reference; // Workbench exports under an organisation's own source name
  }
  return fallback;
}

function attackUrlOf(object: JsonRecord): string | undefined {
  const reference = attackReferenceOf(object);
  return reference ? stringField(reference, 'url') : undefined;
}

function killChainPhases(object: JsonRecord): Array<{ chain: string; phase: string }> {
  const phases = Array.isArray(object.kill_chain_phases) ? object.kill_chain_phases : [];
  const result: Array<{ chain: string; phase: string }> = [];
  for (const phase of phases) {
    if (!isRecord(phase)) continue;
    const chain = stringField(phase, 'kill_chain_name');
    const name = stringField(phase, 'phase_name');
    if (chain && name) result.push({ chain, phase: name });
  }
  return result;
}
