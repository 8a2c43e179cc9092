import type { Range } from 'vscode-languageserver-types';
import type { Note, Spanned, WikiLink } from '../../model/types';
import { findField, sectionsNamed, type NoteFacts } from './noteFacts';
import { sliceRange } from './ranges';

/**
 * A technique's tactics and platforms as the note writes them. The seed format lists them under
 * `### Tactic` / `### Platforms`; the kb dialect keeps them in front matter lists (`tactic:`,
 * `platforms:`) with names only.
 */

export interface TacticEntry {
  /** The tactic's name: the link's alias or target file name, or the plain text. */
  name?: Spanned;
  /** The ID in parentheses (`(TA0002)`), seed format only. */
  id?: Spanned;
  link?: WikiLink;
}

export interface ListedFacts<T> {
  entries: T[];
  /** Where a finding about the list as a whole goes (the heading or front matter key). */
  anchor: Range;
}

/** A note name from a link target: `a/b/Execution` → `Execution`, `TA0002-Execution` → `Execution`. */
export function nameFromTarget(target: string): string {
  const last = target.split('/').pop() ?? target;
  const kbStyle = /^(?:TA|T|M|G|S|C|DS)\d{4}(?:\.\d{3})?-(.+)$/i.exec(last);
  if (kbStyle) return kbStyle[1].replace(/_/g, ' ');
  return last.replace(/\s*\((?:TA|T|M|G|S|C|DS)\d{4}(?:\.\d{3})?\)$/i, '');
}

const PARENTHESISED_ID = /\(\s*([^()\s]+)\s*\)\s*$/;

function seedTacticEntry(facts: NoteFacts, text: string, textRange: Range): TacticEntry {
  const entry: TacticEntry = {};
  const idMatch = PARENTHESISED_ID.exec(text);
  if (idMatch) {
    const start = idMatch.index + idMatch[0].indexOf(idMatch[1]);
    entry.id = { text: idMatch[1], range: sliceRange(textRange, start, start + idMatch[1].length) };
  }
  const link = facts.linksByLine.get(textRange.start.line)?.[0];
  if (link) {
    entry.link = link;
    entry.name = link.alias
      ? link.alias
      : { text: nameFromTarget(link.target.text), range: link.target.range };
  } else {
    const plain = (idMatch ? text.slice(0, idMatch.index) : text).trim();
    if (plain) entry.name = { text: plain, range: sliceRange(textRange, 0, plain.length) };
  }
  return entry;
}

/**
 * Three rule families ask for a note's tactics, one note after another: the answer for the
 * (immutable) note last asked about is kept. Not a WeakMap keyed by the note, whose values V8's
 * young-generation collections keep alive (see `idTables`).
 */
let lastTactics: { note: Note; listed: ListedFacts<TacticEntry> | undefined } | undefined;

export function tacticsOfNote(note: Note, facts: NoteFacts): ListedFacts<TacticEntry> | undefined {
  if (lastTactics?.note !== note) lastTactics = { note, listed: readTactics(note, facts) };
  return lastTactics.listed;
}

function readTactics(note: Note, facts: NoteFacts): ListedFacts<TacticEntry> | undefined {
  const section = sectionsNamed(note, 'tactic', 'tactics')[0];
  if (section) {
    return {
      entries: section.items.map((item) => seedTacticEntry(facts, item.text, item.textRange)),
      anchor: section.heading.textRange,
    };
  }
  const field = findField(note, 'tactic', 'tactics');
  if (field) {
    const items = field.items.length > 0 ? field.items : field.value ? [field.value] : [];
    const names = items.flatMap(splitJoinedItem);
    return { entries: names.map((name) => ({ name })), anchor: field.keyRange };
  }
  return undefined;
}

/**
 * The kb generator sometimes joins a list into one item (`Persistence - Privilege Escalation`);
 * no tactic name contains ` - `, so each part is read as its own tactic.
 */
function splitJoinedItem(item: Spanned): Spanned[] {
  const parts: Spanned[] = [];
  const separator = /\s+-\s+/g;
  let start = 0;
  for (const match of item.text.matchAll(separator)) {
    parts.push({
      text: item.text.slice(start, match.index),
      range: sliceRange(item.range, start, match.index),
    });
    start = match.index + match[0].length;
  }
  parts.push({
    text: item.text.slice(start),
    range: sliceRange(item.range, start, item.text.length),
  });
  return parts.filter((part) => part.text.trim() !== '');
}

export function platformsOfNote(note: Note): ListedFacts<Spanned> | undefined {
  const section = sectionsNamed(note, 'platforms')[0];
  if (section) {
    return {
      entries: section.items.map((item) => ({ text: item.text, range: item.textRange })),
      anchor: section.heading.textRange,
    };
  }
  const field = findField(note, 'platforms');
  if (field) {
    const items = field.items.length > 0 ? field.items : field.value ? [field.value] : [];
    return { entries: items, anchor: field.keyRange };
  }
  return undefined;
}
