import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Note, Section } from '../../model/types';
import { lineBreakOf } from '../../text/applyEdits';
import { LineIndex } from '../../text/lineIndex';
import { computeNoteFacts } from '../diagnostics/noteFacts';
import { comparePositions, rangeWithin } from '../diagnostics/ranges';
import { SECTION_ORDER, sectionSkeleton } from './noteSkeleton';
import { insertSectionEdit } from './sectionPlacement';
import type { FixContext, NoteFix } from './types';

/**
 * citation-undefined in the seed format: a `- Source` line for the cited name under References
 * (the author adds `: url`), written with the bullet of the note's other reference lines. A note
 * without References gets the section, with the line, where the generator puts it. Footnote
 * notes (the kb dialect) get no fix: which label and source to write is the author's call.
 */

const REFERENCES = 'References';

function referencesSection(note: Note): Section | undefined {
  const sections = note.sections.filter((section) => section.key === 'references');
  return sections[sections.length - 1];
}

/** After the section's last reference line, or below its heading when it has none. */
function addToSection(note: Note, section: Section, name: string, eol: string): TextEdit {
  const inSection = note.references.filter((reference) =>
    rangeWithin(reference.range, section.range),
  );
  const last = inSection.sort((a, b) => comparePositions(a.range.start, b.range.start)).pop();
  const lines = new LineIndex(note.text);
  if (last) {
    const line = last.range.start.line;
    const text = lines.lineText(line);
    const bullet = text.slice(0, last.name.range.start.character);
    const at = { line, character: text.length };
    return { range: { start: at, end: at }, newText: `${eol}${bullet}${name}` };
  }
  const line = section.heading.range.start.line;
  const at = { line, character: lines.lineText(line).length };
  return { range: { start: at, end: at }, newText: `${eol}${eol}- ${name}` };
}

export function citationUndefinedFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const { note, index, kb } = context;
  const citation = note.citations.find(
    (candidate) =>
      comparePositions(candidate.range.start, diagnostic.range.start) === 0 &&
      comparePositions(candidate.range.end, diagnostic.range.end) === 0,
  );
  if (!citation) return [];
  const facts = computeNoteFacts(note, kb);
  if (facts.dialect !== 'seed') return [];
  const name = citation.name.text.trim();
  if (name === '') return [];
  const eol = lineBreakOf(note.text);
  const section = referencesSection(note);
  let edit: TextEdit;
  if (section) {
    edit = addToSection(note, section, name, eol);
  } else {
    const skeleton = sectionSkeleton(REFERENCES, 'seed', facts.object, {
      index,
      kb,
      styleNote: note,
    });
    skeleton.body = [...(skeleton.body.length > 0 ? skeleton.body : ['']), `- ${name}`];
    const order = (facts.ownKind && SECTION_ORDER.seed[facts.ownKind]) || [REFERENCES];
    edit = insertSectionEdit(note, REFERENCES, order, skeleton, eol);
  }
  return [
    {
      title: `Add the reference line '- ${name}' under References`,
      code: 'citation-undefined',
      unambiguous: false,
      edits: [edit],
    },
  ];
}
