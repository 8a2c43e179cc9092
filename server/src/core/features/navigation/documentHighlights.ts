import {
  DocumentHighlightKind,
  type DocumentHighlight,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import { normaliseName } from '../../kb/names';
import type { Note } from '../../model/types';
import { idMentions } from './idMentions';
import { declarationRanges } from './noteAnchors';
import { brokenLinksTo } from './references';
import { comparePositions, rangeEncloses } from './ranges';
import { subjectAt, targetOf, type Subject } from './subjectAt';

/**
 * Highlights, within one note, every occurrence of what the cursor is on: links that resolve to
 * the same note, mentions of the same ID, the note's own ID declaration (as a write), and for a
 * citation its other citations and its reference line or footnote definition.
 */
export function documentHighlights(
  note: Note,
  index: VaultIndex,
  position: Position,
): DocumentHighlight[] {
  const subject = subjectAt(note, position);
  if (!subject) return [];
  const highlights =
    subject.kind === 'citation' || subject.kind === 'footnote'
      ? sourceHighlights(note, subject)
      : targetHighlights(note, index, subject);
  return highlights.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

function targetHighlights(note: Note, index: VaultIndex, subject: Subject): DocumentHighlight[] {
  const target = targetOf(subject, note, index);
  if (!target) return [];
  const targetUris = new Set(target.notes.map((candidate) => candidate.uri));
  const highlights: DocumentHighlight[] = [];
  const links: Range[] = [];
  for (const link of note.wikilinks) {
    const resolution = index.resolveLink(note.uri, link);
    if (resolution.kind === 'resolved' && targetUris.has(resolution.target.uri)) {
      links.push(link.range);
      highlights.push({ range: link.range, kind: DocumentHighlightKind.Read });
    }
  }
  const indexed = index.get(note.uri);
  if (target.missing && indexed) {
    for (const link of brokenLinksTo(indexed, target.missing, index))
      highlights.push({ range: link.range, kind: DocumentHighlightKind.Read });
  }
  if (!target.id) return highlights;
  const isDefining =
    target.notes.some((defining) => defining.note.uri === note.uri) ||
    note.identity?.id === target.id;
  const declarations = isDefining ? declarationRanges(note) : [];
  for (const mention of idMentions(note, target.id)) {
    if (links.some((range) => rangeEncloses(range, mention.range))) continue;
    const declares = declarations.some((range) => rangeEncloses(range, mention.range));
    highlights.push({
      range: mention.range,
      kind: declares ? DocumentHighlightKind.Write : DocumentHighlightKind.Text,
    });
  }
  return highlights;
}

function sourceHighlights(
  note: Note,
  subject: Extract<Subject, { kind: 'citation' | 'footnote' }>,
): DocumentHighlight[] {
  const highlights: DocumentHighlight[] = [];
  if (subject.kind === 'footnote') {
    for (const reference of note.footnoteReferences) {
      if (reference.label === subject.label)
        highlights.push({ range: reference.range, kind: DocumentHighlightKind.Read });
    }
    for (const definition of note.footnoteDefinitions) {
      if (definition.label.text === subject.label)
        highlights.push({ range: definition.label.range, kind: DocumentHighlightKind.Write });
    }
    return highlights;
  }
  const wanted = normaliseName(subject.name);
  for (const citation of note.citations) {
    if (normaliseName(citation.name.text) === wanted)
      highlights.push({ range: citation.name.range, kind: DocumentHighlightKind.Read });
  }
  for (const line of note.references) {
    if (normaliseName(line.name.text) === wanted)
      highlights.push({ range: line.name.range, kind: DocumentHighlightKind.Write });
  }
  for (const definition of note.footnoteDefinitions) {
    if (definition.name && normaliseName(definition.name.text) === wanted)
      highlights.push({ range: definition.name.range, kind: DocumentHighlightKind.Write });
  }
  return highlights;
}
