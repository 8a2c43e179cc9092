import type { TextEdit } from 'vscode-languageserver-types';
import type { Note, Section } from '../../model/types';
import { LineIndex } from '../../text/lineIndex';
import { entryMatches, type SectionSkeleton } from './noteSkeleton';

/**
 * Where a new section goes: right after the content of the nearest section that precedes it in
 * the generator's order, else just above the nearest one that follows it (above the `---` the
 * seed writes before References), else after the note's last line of text. Only an insert: the
 * note's own text never moves.
 */

const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

function isFiller(line: string): boolean {
  return line.trim() === '' || THEMATIC_BREAK.test(line);
}

/** Present sections with their position in `order` (-1: not in it). */
function ranked(note: Note, order: readonly string[]): { section: Section; rank: number }[] {
  return note.sections.map((section) => ({
    section,
    rank: order.findIndex((entry) => entryMatches(entry, section.key)),
  }));
}

/** The last line of a section that holds text (not blank, not a `---` break), at least its heading. */
function lastContentLine(lines: LineIndex, section: Section): number {
  let line = section.range.end.line;
  while (line > section.heading.range.start.line && isFiller(lines.lineText(line))) line--;
  return line;
}

function lastTextLine(lines: LineIndex): number {
  let line = lines.lineCount - 1;
  while (line > 0 && lines.lineText(line).trim() === '') line--;
  return line;
}

function withLevel(skeleton: SectionSkeleton, level: number | undefined): string[] {
  const heading =
    level === undefined ? skeleton.heading : skeleton.heading.replace(/^#+/, '#'.repeat(level));
  return [...skeleton.before, heading, ...skeleton.body];
}

/** The edit that inserts `skeleton` (the section `entry` of `order`) at its usual place. */
export function insertSectionEdit(
  note: Note,
  entry: string,
  order: readonly string[],
  skeleton: SectionSkeleton,
  eol: string,
): TextEdit {
  const lines = new LineIndex(note.text);
  const wanted = order.indexOf(entry);
  const present = ranked(note, order).filter(({ rank }) => rank >= 0);
  // The latest section of the nearest earlier rank, and the first of the nearest later rank.
  let before: { section: Section; rank: number } | undefined;
  let after: { section: Section; rank: number } | undefined;
  for (const candidate of present) {
    if (candidate.rank < wanted && (!before || candidate.rank >= before.rank)) before = candidate;
    if (candidate.rank > wanted && (!after || candidate.rank < after.rank)) after = candidate;
  }
  if (before || !after) {
    const line = before ? lastContentLine(lines, before.section) : lastTextLine(lines);
    const text = withLevel(skeleton, before?.section.heading.level);
    const at = { line, character: lines.lineText(line).length };
    return { range: { start: at, end: at }, newText: eol + eol + text.join(eol) };
  }
  let line = after.section.heading.range.start.line;
  if (line > 0 && THEMATIC_BREAK.test(lines.lineText(line - 1))) line--;
  const text = withLevel(skeleton, after.section.heading.level);
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: text.join(eol) + eol + eol };
}
