import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { Note, Section } from '../../model/types';
import { lineBreakOf } from '../../text/applyEdits';
import { LineIndex } from '../../text/lineIndex';
import { computeNoteFacts } from '../diagnostics/noteFacts';
import { comparePositions, rangeWithin } from '../diagnostics/ranges';
import { SECTION_ORDER, sectionSkeleton } from './noteSkeleton';
import { insertSectionEdit } from './sectionPlacement';
import type { FixContext, NoteFix } from './types';

/**
 * citation-undefined. In the seed format: a `- Source` line for the cited name under References
 * (the author adds `: url`), written with the bullet of the note's other reference lines; a note
 * without References gets the section, with the line, where the generator puts it. In the kb
 * dialect: a footnote definition in the references callout, `[^7]:` for a footnote without one
 * (the author writes the source), `[^8]: Source` under the next free number for a citation.
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

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** The next footnote number after every numeric label the note uses. */
function nextFootnoteLabel(note: Note): string {
  let highest = 0;
  const labels = [
    ...note.footnoteReferences.map((r) => r.label),
    ...note.footnoteDefinitions.map((d) => d.label.text),
  ];
  for (const label of labels) if (/^\d+$/.test(label)) highest = Math.max(highest, Number(label));
  return String(highest + 1);
}

/** A footnote definition after the last one (with its `> ` marks), or a new callout at the end. */
function addFootnoteDefinition(note: Note, definition: string, eol: string): TextEdit {
  const lines = new LineIndex(note.text);
  const last = [...note.footnoteDefinitions].sort((a, b) =>
    comparePositions(a.range.start, b.range.start),
  )[note.footnoteDefinitions.length - 1];
  if (last) {
    const line = last.range.start.line;
    const text = lines.lineText(line);
    const marks = text.slice(0, Math.max(0, text.indexOf('[^')));
    const at = { line, character: text.length };
    return { range: { start: at, end: at }, newText: `${eol}${marks}${definition}` };
  }
  let line = lines.lineCount - 1;
  while (line > 0 && lines.lineText(line).trim() === '') line--;
  const at = { line, character: lines.lineText(line).length };
  return {
    range: { start: at, end: at },
    newText: `${eol}${eol}> [!info]- References${eol}> ${definition}`,
  };
}

function footnoteFixes(note: Note, diagnostic: Diagnostic): NoteFix[] {
  const eol = lineBreakOf(note.text);
  const reference = note.footnoteReferences.find((r) => sameRange(r.range, diagnostic.range));
  if (reference) {
    return [
      {
        title: `Add the footnote definition [^${reference.label}]`,
        code: 'citation-undefined',
        unambiguous: false,
        edits: [addFootnoteDefinition(note, `[^${reference.label}]:`, eol)],
      },
    ];
  }
  const citation = note.citations.find((c) => sameRange(c.range, diagnostic.range));
  const name = citation?.name.text.trim();
  if (!name) return [];
  const definition = `[^${nextFootnoteLabel(note)}]: ${name}`;
  return [
    {
      title: `Add the footnote ${definition}`,
      code: 'citation-undefined',
      unambiguous: false,
      edits: [addFootnoteDefinition(note, definition, eol)],
    },
  ];
}

export function citationUndefinedFixes(context: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const { note, index, kb } = context;
  const facts = computeNoteFacts(note, kb);
  if (facts.dialect === 'kb') return footnoteFixes(note, diagnostic);
  const citation = note.citations.find((candidate) => sameRange(candidate.range, diagnostic.range));
  if (!citation) return [];
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
