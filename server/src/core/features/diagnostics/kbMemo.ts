import { normaliseName } from '../../kb/names';
import type { AttackObject, AttackObjectType, KnowledgeBase, Resolution } from '../../kb/types';

/**
 * Memoised knowledge-base questions the rules ask once per note (tactic by name, platforms of a
 * domain, a technique's mitigations): a vault asks the same few hundred questions thousands of
 * times. Keyed by the knowledge base object, which is immutable, so entries never go stale and
 * drop with it.
 */

interface Memo {
  resolutions: Map<string, Resolution | undefined>;
  byName: Map<string, readonly AttackObject[]>;
  tactics?: Map<string, AttackObject[]>;
  platforms: Map<string, readonly string[]>;
  mapped: Map<string, ReadonlySet<string>>;
}

const memos = new WeakMap<KnowledgeBase, Memo>();

function memoOf(kb: KnowledgeBase): Memo {
  let memo = memos.get(kb);
  if (!memo) {
    memo = { resolutions: new Map(), byName: new Map(), platforms: new Map(), mapped: new Map() };
    memos.set(kb, memo);
  }
  return memo;
}

/** `kb.resolve`, remembered: a group table names the same techniques as a hundred others. */
export function resolveMemo(kb: KnowledgeBase, id: string): Resolution | undefined {
  const memo = memoOf(kb).resolutions;
  if (memo.has(id)) return memo.get(id);
  const resolution = kb.resolve(id);
  memo.set(id, resolution);
  return resolution;
}

export function findByNameMemo(
  kb: KnowledgeBase,
  name: string,
  type: AttackObjectType,
): readonly AttackObject[] {
  const memo = memoOf(kb).byName;
  const key = `${type}\u0000${nameKey(name)}`;
  let found = memo.get(key);
  if (!found) {
    found = kb.findByName(name, type);
    memo.set(key, found);
  }
  return found;
}

/**
 * Live tactics by normalised name and alias, built from the few dozen tactics rather than the
 * knowledge base's index of every name.
 */
export function tacticsByName(kb: KnowledgeBase): ReadonlyMap<string, readonly AttackObject[]> {
  const memo = memoOf(kb);
  if (!memo.tactics) {
    const byName = new Map<string, AttackObject[]>();
    for (const tactic of kb.all('tactic')) {
      for (const name of [tactic.name, tactic.shortname ?? '', ...(tactic.aliases ?? [])]) {
        if (name === '') continue;
        const key = nameKey(name);
        const list = byName.get(key) ?? [];
        if (!list.includes(tactic)) list.push(tactic);
        byName.set(key, list);
      }
    }
    memo.tactics = byName;
  }
  return memo.tactics;
}

export function platformsMemo(
  kb: KnowledgeBase,
  domain: Parameters<KnowledgeBase['platforms']>[0],
): readonly string[] {
  const memo = memoOf(kb).platforms;
  let found = memo.get(domain);
  if (!found) {
    found = kb.platforms(domain);
    memo.set(domain, found);
  }
  return found;
}

/** Mitigations of a technique, or techniques of a mitigation, as a set. */
export function mappedIds(kb: KnowledgeBase, object: AttackObject): ReadonlySet<string> {
  const memo = memoOf(kb).mapped;
  let found = memo.get(object.id);
  if (!found) {
    found = new Set(
      object.type === 'technique' ? kb.mitigationsOf(object.id) : kb.techniquesOf(object.id),
    );
    memo.set(object.id, found);
  }
  return found;
}

const nameKeys = new Map<string, string>();
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Bounded so a long-running server that sees endless distinct strings does not grow forever. */
const NAME_KEY_LIMIT = 50_000;

/** `normaliseName`, remembered: reference and citation names repeat across a vault. */
export function nameKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    if (nameKeys.size >= NAME_KEY_LIMIT) nameKeys.clear();
    // Printable ASCII needs no NFKC and no full case folding: lower case and spacing are all.
    key = PRINTABLE_ASCII.test(name)
      ? name.toLowerCase().replace(/\s+/g, ' ').trim()
      : normaliseName(name);
    nameKeys.set(name, key);
  }
  return key;
}
