/**
 * The knowledge base: ATT&CK facts (IDs, names, kinds, tactics, platforms, mappings), from the
 * bundled catalog, the user's own STIX bundles and the vault's own notes. Plain data only;
 * no MITRE description prose.
 */

export type AttackDomain = 'enterprise' | 'ics' | 'mobile';

export type AttackObjectType =
  | 'tactic'
  | 'technique'
  | 'mitigation'
  | 'group'
  | 'software'
  | 'campaign'
  | 'data-source'
  | 'data-component'
  | 'asset'
  | 'analytic'
  | 'detection-strategy';

export interface AttackObject {
  /** ATT&CK ID as published (`T1059.006`, `TA0002`, `M1033`, `G0007`). */
  id: string;
  name: string;
  type: AttackObjectType;
  /** Domains whose bundles hold the object (groups and software can be in several). */
  domains: AttackDomain[];
  /** Tactics: the shortname used by kill-chain phases (`execution`). */
  shortname?: string;
  /** Techniques: IDs of their tactics (`TA0002`). */
  tactics?: string[];
  platforms?: string[];
  /** Sub-techniques: the parent technique's ID. */
  parent?: string;
  /** Groups, software, campaigns: other names. */
  aliases?: string[];
  /** Set when the object is revoked; names the replacing object's ID when ATT&CK gives one. */
  revoked?: boolean;
  revokedBy?: string;
  deprecated?: boolean;
  /** ATT&CK page (`https://attack.mitre.org/techniques/T1059/006`). */
  url?: string;
  /** Name of the source that defined (or last overrode) the object. */
  source: string;
  /** Objects defined by a vault note (not by ATT&CK or a bundle): the note's URI. */
  definitionUri?: string;
}

/** Where a fact came from, for the status bar and `Show Knowledge Base`. */
export interface KnowledgeSource {
  name: string;
  kind: 'catalog' | 'stix-bundle' | 'vault';
  /** ATT&CK version of a catalog or bundle (`18.1`), when known. */
  version?: string;
  /** Path of a user bundle or note. */
  location?: string;
  /** Object counts by type. */
  counts: Partial<Record<AttackObjectType, number>>;
  /** Objects that failed validation and were skipped. */
  skipped?: number;
}

/** The outcome of looking an ID up, following `revoked-by` to the replacement. */
export interface Resolution {
  object: AttackObject;
  /** Present when `object` is revoked and ATT&CK names a live replacement. */
  replacement?: AttackObject;
}

export interface KnowledgeBase {
  /** ATT&CK version of the bundled catalog (`18.1`). */
  readonly attackVersion: string;
  readonly sources: readonly KnowledgeSource[];
  /** O(1); IDs compare case-insensitively. Revoked and deprecated objects are returned too. */
  get(id: string): AttackObject | undefined;
  resolve(id: string): Resolution | undefined;
  /** Mitigation IDs ATT&CK maps to a technique (`mitigates` relationships). */
  mitigationsOf(techniqueId: string): readonly string[];
  /** Technique IDs a mitigation addresses. */
  techniquesOf(mitigationId: string): readonly string[];
  subtechniquesOf(techniqueId: string): readonly string[];
  /** Objects whose name (or alias) equals `name` after NFKC normalisation and case folding. */
  findByName(name: string, type?: AttackObjectType): readonly AttackObject[];
  /** Prefix and fuzzy search over IDs and names, best first, for completion. */
  search(
    query: string,
    options?: { type?: AttackObjectType; domain?: AttackDomain; limit?: number },
  ): AttackObject[];
  /** Every live object of a type (optionally of one domain). */
  all(type: AttackObjectType, domain?: AttackDomain): readonly AttackObject[];
  /** Platform names used by a domain's techniques. */
  platforms(domain: AttackDomain): readonly string[];
}
