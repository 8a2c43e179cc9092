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
    entry = {
      note,
      name: note.name,
      id,
      aliases,
      keys: {
        name: normaliseName(note.name),
        id: id?.toLowerCase() ?? '',
        aliases: aliases.map(normaliseName),
        path: normaliseName(note.vaultPath),
      },
    };
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

/** 0 for no match; name prefixes beat ID prefixes beat alias prefixes beat substrings. */
export function matchNote(entry: NoteEntry, query: string): NoteMatch | undefined {
  const { keys } = entry;
  if (query === '') return { entry, score: 1, field: 'name', matchedText: entry.name };
  const candidates: Array<[MatchedField, string, string, number]> = [
    ['name', keys.name, entry.name, 0],
    ['id', keys.id, entry.id ?? '', -5],
    ...entry.aliases.map((alias, i): [MatchedField, string, string, number] => [
      'alias',
      keys.aliases[i],
      alias,
      -20,
    ]),
  ];
  let best: NoteMatch | undefined;
  for (const [field, key, text, bonus] of candidates) {
    if (key === '') continue;
    const at = key.indexOf(query);
    if (at === -1) continue;
    const score = (at === 0 ? 100 : isWordStart(key, at) ? 70 : 50) + bonus;
    if (!best || score > best.score) best = { entry, score, field, matchedText: text };
  }
  if (!best && query.length > 1 && keys.path.includes(query)) {
    best = { entry, score: 30, field: 'path', matchedText: entry.note.vaultPath };
  }
  return best;
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
