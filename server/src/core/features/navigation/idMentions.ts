import type { Range } from 'vscode-languageserver-types';
import type { Note } from '../../model/types';
import { mentionPattern } from '../../text/idMentionPattern';
import { LineIndex } from '../../text/lineIndex';

/** ATT&CK IDs written in a note's text, as `text/idMentionPattern.ts` defines a mention. */

export interface IdMention {
  /** Upper-case, as ATT&CK writes it. */
  id: string;
  range: Range;
  /** Offset of its first character in the note's text. */
  offset: number;
}

/**
 * A note's text and something that stands for it while it does not change: a note model, or the
 * index's entry for a note (replaced when the note changes). The cache below is keyed by it.
 * (Which IDs each note mentions at all is the index's `mentionedIds`, kept in its summary.)
 */
export type NoteText = { readonly text: string };

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
  // Read once: an index entry of a closed note may read its text from disk on each access.
  const text = note.text;
  // A plain substring search rules out most notes far faster than the regular expression; IDs
  // are written upper-case, and lower-case is the only other spelling worth finding.
  if (id && !text.includes(id.toUpperCase()) && !text.includes(id.toLowerCase())) return [];
  const pattern = mentionPattern(id);
  let lines: LineIndex | undefined;
  const found: IdMention[] = [];
  for (const match of text.matchAll(pattern)) {
    lines ??= new LineIndex(text);
    const start = match.index;
    found.push({
      id: match[0].toUpperCase(),
      range: lines.range(start, start + match[0].length),
      offset: start,
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
        offset: start + from,
      };
    }
  }
  return undefined;
}
