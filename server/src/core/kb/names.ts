import type { AttackObjectType } from './types';

/**
 * Name and ID helpers shared by the knowledge base, the parser and the rules, so that every
 * comparison of an ATT&CK name or ID in the project agrees.
 */

const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

/**
 * Canonical form for comparing names: NFKC folds compatibility forms (full-width `／`, ligatures,
 * non-breaking spaces) into their plain equivalents; upper-then-lower case approximates Unicode
 * full case folding (`ß` → `ss`), which JavaScript lacks; whitespace runs collapse to one space.
 */
export function normaliseName(name: string): string {
  // Fast path for the common case (every ATT&CK name): printable ASCII with single inner spaces,
  // where NFKC changes nothing and case folding is plain lower-casing.
  if (PLAIN_ASCII.test(name)) return name.toLowerCase();
  return name
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * ID prefixes in use by ATT&CK v18 and the kind each stands for. Longer prefixes come first so that
 * a regular expression alternation tries `TA` before `T` and `DET`/`DC`/`DS` before nothing.
 */
const KIND_BY_PREFIX: ReadonlyArray<readonly [string, AttackObjectType]> = [
  ['DET', 'detection-strategy'],
  ['TA', 'tactic'],
  ['DS', 'data-source'],
  ['DC', 'data-component'],
  ['AN', 'analytic'],
  ['T', 'technique'],
  ['M', 'mitigation'],
  ['G', 'group'],
  ['S', 'software'],
  ['C', 'campaign'],
  ['A', 'asset'],
];

const PREFIX_ALTERNATION = KIND_BY_PREFIX.map(([prefix]) => prefix).join('|');

/**
 * An ATT&CK ID anywhere in text: prefix, four digits, an optional `.NNN` sub-technique suffix.
 * Word boundaries keep `XT1059` or `T10599` from matching. Global: reset `lastIndex` or use
 * `matchAll` when scanning.
 */
export const ATTACK_ID = new RegExp(`\\b(?:${PREFIX_ALTERNATION})\\d{4}(?:\\.\\d{3})?\\b`, 'gi');

const WHOLE_ID = new RegExp(`^(${PREFIX_ALTERNATION})(\\d{4})(\\.\\d{3})?$`, 'i');

/** True when `text` is exactly one ATT&CK ID (any case). */
export function isAttackId(text: string): boolean {
  return WHOLE_ID.test(text);
}

/** The kind an ID's prefix stands for (`T1059.006` → technique), or undefined for a non-ID. */
export function kindOfId(id: string): AttackObjectType | undefined {
  const match = WHOLE_ID.exec(id);
  if (!match) return undefined;
  const prefix = match[1].toUpperCase();
  return KIND_BY_PREFIX.find(([p]) => p === prefix)?.[1];
}

/** IDs are written upper-case in ATT&CK; lookups use this form as the key. */
export function normaliseId(id: string): string {
  return id.trim().toUpperCase();
}

/** The parent of a sub-technique ID (`T1059.006` → `T1059`), or undefined. */
export function parentTechniqueId(id: string): string | undefined {
  const match = /^(T\d{4})\.\d{3}$/i.exec(id.trim());
  return match ? match[1].toUpperCase() : undefined;
}

/** Path segment of attack.mitre.org pages per kind; analytics live inside detection strategies. */
const PAGE_SEGMENT: Partial<Record<AttackObjectType, string>> = {
  tactic: 'tactics',
  technique: 'techniques',
  mitigation: 'mitigations',
  group: 'groups',
  software: 'software',
  campaign: 'campaigns',
  'data-source': 'datasources',
  'data-component': 'datacomponents',
  asset: 'assets',
  'detection-strategy': 'detectionstrategies',
};

export const ATTACK_SITE = 'https://attack.mitre.org/';

/** The page URL ATT&CK conventionally gives an object (sub-techniques as `T1059/006`). */
export function conventionalUrl(id: string, type: AttackObjectType): string | undefined {
  const segment = PAGE_SEGMENT[type];
  if (!segment) return undefined;
  return `${ATTACK_SITE}${segment}/${id.toUpperCase().replace('.', '/')}`;
}
