import { ATTACK_SITE, conventionalUrl, parentTechniqueId } from './names';
import type { AttackFacts, StixReadResult } from './stix';
import type { AttackDomain, AttackObject, AttackObjectType } from './types';

/**
 * The committed catalog file (server/data/attack-catalog.json): every ATT&CK ID with its facts,
 * in a compact row form, because the server parses it at every start. Rows are arrays, repeated
 * strings (types, platforms) are table indices, and values ATT&CK derives by convention (page URL,
 * sub-technique parent) are stored only where an object departs from the convention.
 */

export const CATALOG_FORMAT = 1;

export interface CatalogBundleInfo {
  file: string;
  domains: AttackDomain[];
  specVersion?: string;
  /** Objects in the bundle, of any type (as the release notes count them). */
  objects: number;
  skipped: number;
}

export interface CatalogMeta {
  attackVersion: string;
  /** Release date (`2025-11-13`), when the generator was told or found it. */
  released?: string;
  /** Latest `modified` timestamp in the bundles. */
  modified?: string;
  bundles: CatalogBundleInfo[];
}

/** Optional row details, with one-letter keys to keep the file small. */
export interface CatalogRowDetails {
  /** Tactic shortname. */
  s?: string;
  /** Tactic IDs. */
  t?: string[];
  /** Indices into `platforms`. */
  p?: number[];
  /** Aliases. */
  a?: string[];
  /** Revoked by (ID). */
  r?: string;
  /** Parent technique, when it differs from the ID's own prefix. */
  P?: string;
  /** Page URL relative to attack.mitre.org, when it differs from the conventional one. */
  u?: string;
}

/** [ID, name, index into `types`, domain bit mask, flags (1 revoked, 2 deprecated), details]. */
export type CatalogRow =
  | [string, string, number, number]
  | [string, string, number, number, number]
  | [string, string, number, number, number, CatalogRowDetails];

export interface CatalogFile extends CatalogMeta {
  format: number;
  types: AttackObjectType[];
  platforms: string[];
  objects: CatalogRow[];
  /** Mitigation ID → space-separated IDs of the techniques it mitigates. */
  mitigates: Record<string, string>;
}

export const OBJECT_TYPES: readonly AttackObjectType[] = [
  'tactic',
  'technique',
  'mitigation',
  'group',
  'software',
  'campaign',
  'data-source',
  'data-component',
  'asset',
  'analytic',
  'detection-strategy',
];

const DOMAIN_BITS: ReadonlyArray<readonly [AttackDomain, number]> = [
  ['enterprise', 1],
  ['ics', 2],
  ['mobile', 4],
];
const REVOKED = 1;
const DEPRECATED = 2;

export interface NamedReadResult {
  file: string;
  objectCount: number;
  result: StixReadResult;
}

/**
 * Merges bundles (an object that several domains publish, such as a group, becomes one object with
 * all their domains) and encodes the catalog. Output is deterministic for the regeneration test.
 */
export interface BuiltCatalog {
  catalog: CatalogFile;
  /**
   * STIX IDs parallel to `catalog.objects`, so user bundles can refer to official objects. They
   * are written to a companion file, read only when a user bundle needs them: they would double
   * the catalog's size and parse time for the rare case.
   */
  stixIds: string[];
}

export function buildCatalog(
  inputs: readonly NamedReadResult[],
  meta: Pick<CatalogMeta, 'attackVersion' | 'released'>,
): BuiltCatalog {
  const merged = mergeFacts(inputs.map((input) => input.result.objects));
  const platforms = [...new Set(merged.flatMap((f) => f.platforms ?? []))].sort();
  const platformIndex = new Map(platforms.map((p, i) => [p, i]));
  const typeIndex = new Map(OBJECT_TYPES.map((t, i) => [t, i]));
  const modified = inputs
    .map((i) => i.result.modified)
    .filter((m): m is string => m !== undefined)
    .sort()
    .pop();
  const catalog: CatalogFile = {
    format: CATALOG_FORMAT,
    attackVersion: meta.attackVersion,
    ...(meta.released ? { released: meta.released } : {}),
    ...(modified ? { modified } : {}),
    bundles: inputs.map((input) => ({
      file: input.file,
      domains: input.result.domains,
      ...(input.result.specVersion ? { specVersion: input.result.specVersion } : {}),
      objects: input.objectCount,
      skipped: input.result.skipped,
    })),
    types: [...OBJECT_TYPES],
    platforms,
    objects: merged.map((facts) => encodeRow(facts, typeIndex, platformIndex)),
    mitigates: liveMitigations(
      merged,
      inputs.flatMap((i) => i.result.mitigates),
    ),
  };
  return { catalog, stixIds: merged.map((facts) => facts.stixId) };
}

function mergeFacts(lists: readonly AttackFacts[][]): AttackFacts[] {
  const byStixId = new Map<string, AttackFacts>();
  for (const list of lists) {
    for (const facts of list) {
      const seen = byStixId.get(facts.stixId);
      if (!seen) byStixId.set(facts.stixId, { ...facts, domains: [...facts.domains] });
      else seen.domains = [...new Set([...seen.domains, ...facts.domains])];
    }
  }
  const order = (d: AttackDomain) => DOMAIN_BITS.findIndex(([name]) => name === d);
  const all = [...byStixId.values()];
  for (const facts of all) facts.domains.sort((a, b) => order(a) - order(b));
  return all.sort(
    (a, b) => compare(a.id, b.id) || compare(a.type, b.type) || compare(a.stixId, b.stixId),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Only mappings between live objects: withdrawn ones would show as current mitigations. */
function liveMitigations(
  facts: readonly AttackFacts[],
  pairs: ReadonlyArray<[string, string]>,
): Record<string, string> {
  const live = new Set(
    facts.filter((f) => !f.revoked && !f.deprecated).map((f) => `${f.type}:${f.id}`),
  );
  const byMitigation = new Map<string, Set<string>>();
  for (const [mitigation, technique] of pairs) {
    if (!live.has(`mitigation:${mitigation}`) || !live.has(`technique:${technique}`)) continue;
    let techniques = byMitigation.get(mitigation);
    if (!techniques) byMitigation.set(mitigation, (techniques = new Set()));
    techniques.add(technique);
  }
  const result: Record<string, string> = {};
  for (const mitigation of [...byMitigation.keys()].sort()) {
    result[mitigation] = [...byMitigation.get(mitigation)!].sort().join(' ');
  }
  return result;
}

function encodeRow(
  facts: AttackFacts,
  typeIndex: ReadonlyMap<AttackObjectType, number>,
  platformIndex: ReadonlyMap<string, number>,
): CatalogRow {
  const mask = DOMAIN_BITS.reduce((m, [d, bit]) => (facts.domains.includes(d) ? m | bit : m), 0);
  const flags = (facts.revoked ? REVOKED : 0) | (facts.deprecated ? DEPRECATED : 0);
  const details: CatalogRowDetails = {};
  if (facts.shortname) details.s = facts.shortname;
  if (facts.tactics) details.t = facts.tactics;
  if (facts.platforms) details.p = facts.platforms.map((p) => platformIndex.get(p)!);
  if (facts.aliases) details.a = facts.aliases;
  if (facts.revokedBy) details.r = facts.revokedBy;
  if (facts.parent && facts.parent !== parentTechniqueId(facts.id)) details.P = facts.parent;
  if (facts.url && facts.url !== conventionalUrl(facts.id, facts.type)) {
    details.u = facts.url.startsWith(ATTACK_SITE) ? facts.url.slice(ATTACK_SITE.length) : facts.url;
  }
  const type = typeIndex.get(facts.type)!;
  if (Object.keys(details).length > 0) return [facts.id, facts.name, type, mask, flags, details];
  if (flags !== 0) return [facts.id, facts.name, type, mask, flags];
  return [facts.id, facts.name, type, mask];
}

/** The companion file of STIX IDs: one per line, in the order of the catalog's rows. */
export function stixIdsPathFor(catalogPath: string): string {
  return catalogPath.replace(/\.json$/, '') + '.stix-ids.txt';
}

/** One row per line: the file stays small yet diffs readably when ATT&CK changes. */
export function serialiseCatalog(catalog: CatalogFile): string {
  const { objects, mitigates, ...head } = catalog;
  const lines = Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},`);
  const rows = objects.map((row) => JSON.stringify(row)).join(',\n');
  const mitigations = Object.entries(mitigates)
    .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)
    .join(',\n');
  return (
    `{\n${lines.join('\n')}\n"objects":[\n${rows}\n],\n` + `"mitigates":{\n${mitigations}\n}}\n`
  );
}

/** Checks that a parsed catalog file is one this code can read. */
export function checkCatalogFormat(file: CatalogFile): void {
  if (file.format !== CATALOG_FORMAT || !Array.isArray(file.objects)) {
    throw new Error(`catalog format ${file.format} is not supported (expected ${CATALOG_FORMAT})`);
  }
}

/** The row's kind, read without building the object. */
export function rowType(row: CatalogRow, file: CatalogFile): AttackObjectType {
  return file.types[row[2]];
}

/** 2 live, 1 deprecated, 0 revoked (see `statusRank`), read without building the object. */
export function rowStatusRank(row: CatalogRow): number {
  const flags = row[4] ?? 0;
  return flags & REVOKED ? 0 : flags & DEPRECATED ? 1 : 2;
}

/** [mitigation, technique] pairs of the file's compact mapping. */
export function* catalogMitigations(file: CatalogFile): Iterable<[string, string]> {
  for (const mitigation in file.mitigates) {
    for (const technique of file.mitigates[mitigation].split(' ')) yield [mitigation, technique];
  }
}

/** Rows share one domain array per bit mask: thousands of identical small arrays cost start-up time. */
const DOMAINS_BY_MASK: ReadonlyArray<AttackDomain[]> = Array.from({ length: 8 }, (_, mask) =>
  DOMAIN_BITS.filter(([, bit]) => (mask & bit) !== 0).map(([d]) => d),
);

/** Builds a row's object; the catalog layer calls it on first access to the row. */
export function decodeRow(row: CatalogRow, file: CatalogFile, source: string): AttackObject {
  const [id, name, typeIndex, mask, flags = 0, details] = row;
  const type = file.types[typeIndex];
  const object: AttackObject = { id, name, type, domains: DOMAINS_BY_MASK[mask], source };
  if (flags & REVOKED) object.revoked = true;
  if (flags & DEPRECATED) object.deprecated = true;
  const isSubtechnique = type === 'technique' && id.length > 5 && id[5] === '.';
  const parent = details?.P ?? (isSubtechnique ? id.slice(0, 5) : undefined);
  if (parent) object.parent = parent;
  const url = details?.u ?? conventionalUrl(id, type);
  if (url) object.url = url.startsWith('http') ? url : ATTACK_SITE + url;
  if (!details) return object;
  if (details.s) object.shortname = details.s;
  if (details.t) object.tactics = details.t;
  if (details.p) object.platforms = details.p.map((i) => file.platforms[i]);
  if (details.a) object.aliases = details.a;
  if (details.r) object.revokedBy = details.r;
  return object;
}
