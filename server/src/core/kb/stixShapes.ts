import type { AttackDomain, AttackObjectType } from './types';

/**
 * Narrowing helpers for untrusted STIX JSON. Bundles come from users and from Workbench exports of
 * any age, so nothing is assumed about a field until it is checked here.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(object: JsonRecord, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A list of non-empty strings; other entries are dropped rather than failing the object. */
export function stringList(object: JsonRecord, key: string): string[] | undefined {
  const value = object[key];
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return strings.length > 0 ? strings : undefined;
}

/** STIX object types ATT&CK uses for objects with an ATT&CK ID, and the kind each maps to. */
export const KIND_BY_STIX_TYPE: Readonly<Record<string, AttackObjectType>> = {
  'x-mitre-tactic': 'tactic',
  'attack-pattern': 'technique',
  'course-of-action': 'mitigation',
  'intrusion-set': 'group',
  malware: 'software',
  tool: 'software',
  campaign: 'campaign',
  'x-mitre-data-source': 'data-source',
  'x-mitre-data-component': 'data-component',
  'x-mitre-asset': 'asset',
  'x-mitre-analytic': 'analytic',
  'x-mitre-detection-strategy': 'detection-strategy',
};

const DOMAIN_BY_STIX_NAME: Readonly<Record<string, AttackDomain>> = {
  'enterprise-attack': 'enterprise',
  'ics-attack': 'ics',
  'mobile-attack': 'mobile',
};

/** `enterprise-attack` → `enterprise`; unknown names give undefined. */
export function domainOfStixName(name: string): AttackDomain | undefined {
  return DOMAIN_BY_STIX_NAME[name];
}

/** Kill-chain names tie a technique's phases to the tactics of one domain. */
const DOMAIN_BY_KILL_CHAIN: Readonly<Record<string, AttackDomain>> = {
  'mitre-attack': 'enterprise',
  'mitre-ics-attack': 'ics',
  'mitre-mobile-attack': 'mobile',
};

export function domainOfKillChain(name: string): AttackDomain | undefined {
  return DOMAIN_BY_KILL_CHAIN[name];
}

/** Source names under which ATT&CK (and Workbench) publish an object's ATT&CK ID. */
export const ATTACK_SOURCE_NAMES: ReadonlySet<string> = new Set([
  'mitre-attack',
  'mitre-ics-attack',
  'mitre-mobile-attack',
]);
