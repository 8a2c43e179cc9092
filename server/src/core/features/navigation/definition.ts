import type { LocationLink, Position, Range } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import { normaliseName } from '../../kb/names';
import type { Note } from '../../model/types';
import type { KnowledgeBase } from '../../kb/types';
import { frontmatterObjectAt } from './frontmatterValues';
import { declarationRange, declarationSelectionRange } from './noteAnchors';
import { TOP_OF_FILE } from './ranges';
import { subjectAt, type Subject } from './subjectAt';

/**
 * Go to definition. A wikilink leads to its note (at `#heading` when it names one, to every
 * candidate when it is ambiguous); an ATT&CK ID leads to the note of the vault that defines it;
 * `(Citation: X)` leads to the reference line for X, `[^7]` to its footnote definition. In the
 * front matter, a tactic named under `tactic:` and a `mitre-attack:` vault path lead where their
 * IDs lead (the knowledge base, when given, turns a tactic's name into its ID).
 * Results are LocationLinks, so the editor underlines exactly the part that was clicked.
 */
export function definition(
  note: Note,
  index: VaultIndex,
  position: Position,
  kb?: KnowledgeBase,
): LocationLink[] {
  const subject = subjectAt(note, position) ?? frontmatterSubject(note, position, kb);
  if (!subject) return [];
  const links = targetsOf(subject, note, index);
  return links.map((target) => ({ ...target, originSelectionRange: subject.range }));
}

type Target = Omit<LocationLink, 'originSelectionRange'>;

/** A front matter value that names an object (`tactic: - Execution`, a `mitre-attack:` path). */
function frontmatterSubject(
  note: Note,
  position: Position,
  kb: KnowledgeBase | undefined,
): Subject | undefined {
  const named = frontmatterObjectAt(note, position, kb);
  return named && { kind: 'id', id: named.id, range: named.range, declaration: false };
}

function targetsOf(subject: Subject, note: Note, index: VaultIndex): Target[] {
  switch (subject.kind) {
    case 'link': {
      if (subject.id) {
        const defining = index.definitionsOf(subject.id);
        if (defining.length > 0) return defining.map(atDeclaration);
      }
      const resolution = index.resolveLink(note.uri, subject.link);
      if (resolution.kind === 'ambiguous') return resolution.candidates.map(atTop);
      if (resolution.kind === 'broken') return [];
      const heading = resolution.heading;
      return [
        heading
          ? {
              targetUri: resolution.target.uri,
              targetRange: heading.range,
              targetSelectionRange: heading.textRange,
            }
          : atTop(resolution.target),
      ];
    }
    case 'id':
      return index.definitionsOf(subject.id).map(atDeclaration);
    case 'citation': {
      const wanted = normaliseName(subject.name);
      const line = note.references.find(
        (reference) => normaliseName(reference.name.text) === wanted,
      );
      if (line) return [inNote(note, line.range, line.name.range)];
      // The kb dialect keeps `(Citation: X)` in copied descriptions but defines its sources as footnotes.
      const footnote = note.footnoteDefinitions.find(
        (definition) => definition.name && normaliseName(definition.name.text) === wanted,
      );
      return footnote ? [inNote(note, footnote.range, footnote.label.range)] : [];
    }
    case 'footnote': {
      const footnote = note.footnoteDefinitions.find(
        (definition) => definition.label.text === subject.label,
      );
      return footnote ? [inNote(note, footnote.range, footnote.label.range)] : [];
    }
  }
}

function atDeclaration(target: IndexedNote): Target {
  return {
    targetUri: target.uri,
    targetRange: declarationRange(target.note),
    targetSelectionRange: declarationSelectionRange(target.note),
  };
}

function atTop(target: IndexedNote): Target {
  return { targetUri: target.uri, targetRange: TOP_OF_FILE, targetSelectionRange: TOP_OF_FILE };
}

function inNote(note: Note, range: Range, selection: Range): Target {
  return { targetUri: note.uri, targetRange: range, targetSelectionRange: selection };
}
