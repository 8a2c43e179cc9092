import type { Range } from 'vscode-languageserver-types';
import { ATTACK_ID } from '../../kb/names';
import type { Note } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';

/**
 * ATT&CK IDs written in a note's text: in running text, table cells, link aliases, headings and
 * front matter. An ID right after a `/` is part of a URL or a vault path
 * (`https://attack.mitre.org/techniques/T1059/006`, `kb/.../M1033-Limit...`), where it names a page
 * or a file rather than the object, so it is not a mention.
 */

export interface IdMention {
  /** Upper-case, as ATT&CK writes it. */
  id: string;
  range: Range;
}

// Same shape as the shared ATT&CK_ID pattern, with the URL/path exclusion; a fresh RegExp per scan
// keeps `lastIndex` from leaking between callers.
const MENTION_SOURCE = `(?<![/\\w])(?:${ATTACK_ID.source.replace(/^\\b|\\b$/g, '')})(?!\\w|\\.\\d)`;

function mentionPattern(id?: string): RegExp {
  if (!id) return new RegExp(MENTION_SOURCE, 'gi');
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `T1059` must not match the start of `T1059.006`.
  return new RegExp(`(?<![/\\w])${escaped}(?!\\w|\\.\\d)`, 'gi');
}

/**
 * A note's text and something that stands for it while it does not change: a note model, or the
 * index's entry for a note (replaced when the note changes). The caches below are keyed by it.
 */
export type NoteText = { readonly text: string };

/** Upper-case IDs each note mentions. */
const mentionedIdsByNote = new WeakMap<NoteText, ReadonlySet<string>>();

/**
 * Every ID the note mentions, upper-case: one scan of its text, then a set lookup. References
 * ask this of every note in the vault; scanning each note's text on every request instead cost
 * ~60 ms per request on a 9,210-note vault (bench: references). It needs only the text, so the
 * index's notes answer it without building their models.
 */
export function mentionedIds(note: NoteText): ReadonlySet<string> {
  let ids = mentionedIdsByNote.get(note);
  if (!ids) {
    const found = new Set<string>();
    for (const match of note.text.matchAll(mentionPattern())) found.add(match[0].toUpperCase());
    mentionedIdsByNote.set(note, (ids = found));
  }
  return ids;
}

/** Mentions of one ID per note, for the IDs asked about (references ask again and again). */
const mentionsByNote = new WeakMap<NoteText, Map<string, readonly IdMention[]>>();

/**
 * Mentions of `id` (any case) in the note, or of every ID when `id` is left out. Only the text
 * is read, so the index's notes answer without building their models.
 */
export function idMentions(note: NoteText, id?: string): readonly IdMention[] {
  if (!id) return scanMentions(note);
  let byId = mentionsByNote.get(note);
  if (!byId) mentionsByNote.set(note, (byId = new Map()));
  const key = id.toUpperCase();
  let mentions = byId.get(key);
  if (!mentions) byId.set(key, (mentions = scanMentions(note, id)));
  return mentions;
}

function scanMentions(note: NoteText, id?: string): IdMention[] {
  // A plain substring search rules out most notes far faster than the regular expression; IDs
  // are written upper-case, and lower-case is the only other spelling worth finding.
  if (id && !note.text.includes(id.toUpperCase()) && !note.text.includes(id.toLowerCase()))
    return [];
  const pattern = mentionPattern(id);
  let lines: LineIndex | undefined;
  const found: IdMention[] = [];
  for (const match of note.text.matchAll(pattern)) {
    lines ??= new LineIndex(note.text);
    const start = match.index;
    found.push({
      id: match[0].toUpperCase(),
      range: lines.range(start, start + match[0].length),
    });
  }
  return found;
}

/** The ID mention on `line` that covers `character`, read from the line's text alone. */
export function idMentionAt(note: Note, line: number, character: number): IdMention | undefined {
  const lines = new LineIndex(note.text);
  const start = lines.lineStart(line);
  const text = note.text.slice(start, lines.lineEnd(line));
  for (const match of text.matchAll(mentionPattern())) {
    const from = match.index;
    const to = from + match[0].length;
    if (character >= from && character <= to) {
      return {
        id: match[0].toUpperCase(),
        range: { start: { line, character: from }, end: { line, character: to } },
      };
    }
  }
  return undefined;
}
