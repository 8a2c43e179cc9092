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

function aliasesOf(note: IndexedNote): string[] {
  const data = note.note.frontmatter?.data;
  if (!data) return [];
  const found: string[] = [];
  for (const key of ['aliases', 'alias']) {
    const value = data[key];
    const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
    for (const item of values) {
      if (typeof item === 'string' && item.trim() !== '') found.push(item.trim());
    }
  }
  return found;
}

export function noteEntry(note: IndexedNote): NoteEntry {
  let entry = entries.get(note);
  if (!entry) {
    const id = note.note.identity?.id;
    const aliases = aliasesOf(note).filter((alias) => alias.toUpperCase() !== id);
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

function isWordStart(text: string, at: number): boolean {
  return at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1]);
}

/** Tiers: name before ID before alias; a prefix before a word start before a substring. */
function fieldScore(key: string, query: string, bonus: number): number {
  if (key === '') return 0;
  const at = key.indexOf(query);
  if (at === -1) return 0;
  return (at === 0 ? 100 : isWordStart(key, at) ? 70 : 50) + bonus;
}

/**
 * How well a note matches the normalised query, or undefined. Called for every note of the vault
 * on each keystroke, so it allocates nothing until it has a match.
 */
export function matchNote(entry: NoteEntry, query: string): NoteMatch | undefined {
  const { keys } = entry;
  if (query === '') return { entry, score: 1, field: 'name', matchedText: entry.name };
  if (!entry.haystack.includes(query)) return undefined;
  let score = fieldScore(keys.name, query, 0);
  let field: MatchedField = 'name';
  let matchedText = entry.name;
  const idScore = fieldScore(keys.id, query, -5);
  if (idScore > score) {
    score = idScore;
    field = 'id';
    matchedText = entry.id ?? '';
  }
  for (let i = 0; i < keys.aliases.length; i++) {
    const aliasScore = fieldScore(keys.aliases[i], query, -20);
    if (aliasScore > score) {
      score = aliasScore;
      field = 'alias';
      matchedText = entry.aliases[i];
    }
  }
  if (score === 0 && query.length > 1 && keys.path.includes(query)) {
    return { entry, score: 30, field: 'path', matchedText: entry.note.vaultPath };
  }
  return score > 0 ? { entry, score, field, matchedText } : undefined;
}

function better(a: NoteMatch, b: NoteMatch): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.entry.name.length !== b.entry.name.length) return a.entry.name.length < b.entry.name.length;
  return a.entry.note.vaultPath < b.entry.note.vaultPath;
}

/**
 * The `limit` best matches among the notes of `folderUri`, best first, without sorting every
 * note: a bounded insertion keeps only the current best, which stays cheap for 10,000 notes.
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
    const match = matchNote(noteEntry(note), wanted);
    if (!match) continue;
    total++;
    if (best.length === limit && !better(match, best[limit - 1])) continue;
    let at = best.length;
    while (at > 0 && better(match, best[at - 1])) at--;
    best.splice(at, 0, match);
    if (best.length > limit) best.pop();
  }
  return { matches: best, total };
}
