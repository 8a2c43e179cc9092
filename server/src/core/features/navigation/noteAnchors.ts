import type { Range } from 'vscode-languageserver-types';
import type { Heading, Note } from '../../model/types';
import { TOP_OF_FILE } from './ranges';

/**
 * Where a note declares its ATT&CK ID. The seed format repeats the ID as a `## ID` heading below
 * the front matter; the kb dialect has only the `aliases:` item. The heading is what a reader
 * sees, so it is the preferred place to land on and to hang the references lens.
 */

/** The heading whose text is the note's ID (`## T1059.006`), if the note has one. */
export function idHeadingOf(note: Note): Heading | undefined {
  const id = note.identity?.id;
  if (!id) return undefined;
  return note.headings.find((heading) => heading.text.trim().toUpperCase() === id);
}

/** The range a go-to-definition of the note's ID lands on (the whole heading line, or the alias). */
export function declarationRange(note: Note): Range {
  return idHeadingOf(note)?.range ?? note.identity?.range ?? TOP_OF_FILE;
}

/** The narrower range to select: the ID text itself. */
export function declarationSelectionRange(note: Note): Range {
  return idHeadingOf(note)?.textRange ?? note.identity?.range ?? TOP_OF_FILE;
}

/** Every place in the note that declares its ID: the front matter alias and the ID heading. */
export function declarationRanges(note: Note): Range[] {
  const ranges: Range[] = [];
  if (note.identity?.range) ranges.push(note.identity.range);
  const heading = idHeadingOf(note);
  if (heading) ranges.push(heading.textRange);
  return ranges;
}
