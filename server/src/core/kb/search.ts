import { fuzzyScore } from './fuzzy';
import { normaliseName } from './names';
import type { AttackObject } from './types';

/**
 * Ranking for `KnowledgeBase.search`: exact and prefix matches of IDs and names first, then word
 * prefixes, substrings, and finally fuzzy subsequences. Tiers are far apart so that any prefix
 * match outranks any fuzzy one.
 */

export interface SearchEntry {
  object: AttackObject;
  id: string;
  /** Normalised name first, then normalised aliases. */
  names: string[];
}

export function searchEntry(object: AttackObject): SearchEntry {
  return {
    object,
    id: object.id.toLowerCase(),
    names: [object.name, ...(object.aliases ?? [])].map(normaliseName),
  };
}

/** 0 means no match. `query` must be normalised. */
export function scoreEntry(entry: SearchEntry, query: string): number {
  let best = 0;
  if (entry.id === query) return 10_000;
  if (entry.id.startsWith(query)) best = 9_000 - (entry.id.length - query.length);
  for (let i = 0; i < entry.names.length; i++) {
    const aliasPenalty = i === 0 ? 0 : 50;
    const score = scoreName(entry.names[i], query) - aliasPenalty;
    if (score > best) best = score;
  }
  return best;
}

function scoreName(name: string, query: string): number {
  if (name === query) return 9_500;
  const shortness = Math.max(0, 100 - name.length);
  if (name.startsWith(query)) return 8_000 + shortness;
  const at = name.indexOf(query);
  if (at > 0) {
    const wordStart = !/[\p{L}\p{N}]/u.test(name[at - 1]);
    return (wordStart ? 7_000 : 6_000) + shortness;
  }
  const fuzzy = fuzzyScore(query, name);
  return fuzzy > 0 ? Math.round(fuzzy * 5_000) : 0;
}

/** The `limit` best entries, best first; ties go to the shorter name, then the lower ID. */
export function rankEntries(
  entries: Iterable<SearchEntry>,
  query: string,
  limit: number,
): AttackObject[] {
  const scored: Array<{ entry: SearchEntry; score: number }> = [];
  for (const entry of entries) {
    const score = scoreEntry(entry, query);
    if (score > 0) scored.push({ entry, score });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.entry.object.name.length - b.entry.object.name.length ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  return scored.slice(0, limit).map((s) => s.entry.object);
}
