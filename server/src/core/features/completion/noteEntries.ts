import type { IndexedNote, VaultIndex } from '../../index/types';
import { normaliseName } from '../../kb/names';

/**
 * What link completion matches a note by (name, ATT&CK ID, front matter aliases, vault path),
 * normalised once per note model. The index replaces an `IndexedNote` whenever the note changes,
 * so a WeakMap keyed by it can never hand back a stale entry, and a request only walks the notes
 * instead of re-reading their front matter.
 */

export interface NoteEntry {
  note: IndexedNote;
  name: string;
  id?: string;
  aliases: string[];
  /** Normalised (NFKC, case-folded) forms of the fields above. */
  keys: { name: string; id: string; aliases: string[]; path: string };
  /** Every key in one string, so that a note that cannot match is rejected with one search. */
  haystack: string;
}

const entries = new WeakMap<IndexedNote, NoteEntry>();

export function noteEntry(note: IndexedNote): NoteEntry {
  let entry = entries.get(note);
  if (!entry) {
    const id = note.identity?.id;
    const aliases = note.aliases.filter((alias) => alias.toUpperCase() !== id);
    const keys = {
      name: normaliseName(note.name),
      id: id?.toLowerCase() ?? '',
      aliases: aliases.map(normaliseName),
      path: normaliseName(note.vaultPath),
    };
    // The separator cannot occur in a typed query, so no match spans two keys.
    const haystack = [keys.name, keys.id, ...keys.aliases, keys.path].join('\n');
    entry = { note, name: note.name, id, aliases, keys, haystack };
    entries.set(note, entry);
  }
  return entry;
}

export type MatchedField = 'name' | 'id' | 'alias' | 'path';

export interface NoteMatch {
  entry: NoteEntry;
  score: number;
  field: MatchedField;
  /** The text of the matched field (what the client should filter on). */
  matchedText: string;
}

function isLetterOrDigit(code: number): boolean {
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  }
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(code));
}

/** Tiers: a prefix before a word start before a substring. */
function fieldScore(key: string, query: string, bonus: number): number {
  if (key === '') return 0;
  const at = key.indexOf(query);
  if (at === -1) return 0;
  return (at === 0 ? 100 : isLetterOrDigit(key.charCodeAt(at - 1)) ? 50 : 70) + bonus;
}

const ID_BONUS = -5;
const ALIAS_BONUS = -20;
const PATH_SCORE = 30;

/**
 * The note's score for a normalised, non-empty query (0: no match): name before ID before alias,
 * then the path. Runs for every note on each keystroke, so it allocates nothing.
 */
function scoreNote(entry: NoteEntry, query: string): number {
  if (!entry.haystack.includes(query)) return 0;
  const { keys } = entry;
  let score = Math.max(fieldScore(keys.name, query, 0), fieldScore(keys.id, query, ID_BONUS));
  for (const alias of keys.aliases) score = Math.max(score, fieldScore(alias, query, ALIAS_BONUS));
  if (score === 0 && query.length > 1 && keys.path.includes(query)) score = PATH_SCORE;
  return score;
}

/** The field behind a score, for the client to filter on (only for the notes that are kept). */
function matchedField(entry: NoteEntry, query: string, score: number): NoteMatch {
  const { keys } = entry;
  if (query === '' || fieldScore(keys.name, query, 0) === score)
    return { entry, score, field: 'name', matchedText: entry.name };
  if (fieldScore(keys.id, query, ID_BONUS) === score)
    return { entry, score, field: 'id', matchedText: entry.id ?? '' };
  const alias = keys.aliases.findIndex((key) => fieldScore(key, query, ALIAS_BONUS) === score);
  if (alias !== -1) return { entry, score, field: 'alias', matchedText: entry.aliases[alias] };
  return { entry, score, field: 'path', matchedText: entry.note.vaultPath };
}

/** How well a note matches a normalised query (empty: every note, equally), or undefined. */
export function matchNote(entry: NoteEntry, query: string): NoteMatch | undefined {
  const score = query === '' ? 1 : scoreNote(entry, query);
  return score > 0 ? matchedField(entry, query, score) : undefined;
}

/** True when a note with `score` ranks above the kept match `other`. */
function beats(score: number, entry: NoteEntry, other: NoteMatch): boolean {
  if (score !== other.score) return score > other.score;
  if (entry.name.length !== other.entry.name.length)
    return entry.name.length < other.entry.name.length;
  return entry.note.vaultPath < other.entry.note.vaultPath;
}

/**
 * The `limit` best matches among the notes `accept` lets through, best first, without sorting
 * every note: a bounded, binary-searched insertion keeps only the current best, and a note is
 * only turned into a match object when it makes the cut.
 */
export function bestNoteMatches(
  index: VaultIndex,
  query: string,
  limit: number,
  accept: (note: IndexedNote) => boolean,
): { matches: NoteMatch[]; total: number } {
  const wanted = normaliseName(query);
  const best: NoteMatch[] = [];
  let total = 0;
  for (const note of index.notes()) {
    if (!accept(note)) continue;
    const entry = noteEntry(note);
    const score = wanted === '' ? 1 : scoreNote(entry, wanted);
    if (score === 0) continue;
    total++;
    if (best.length === limit && !beats(score, entry, best[limit - 1])) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (beats(score, entry, best[mid])) high = mid;
      else low = mid + 1;
    }
    best.splice(low, 0, matchedField(entry, wanted, score));
    if (best.length > limit) best.pop();
  }
  return { matches: best, total };
}
