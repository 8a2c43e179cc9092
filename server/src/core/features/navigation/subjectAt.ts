import type { Position, Range } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import { linkKeyOfTarget } from '../../index/vaultPaths';
import type { Note, WikiLink } from '../../model/types';
import { idMentionAt } from './idMentions';
import { declarationRanges } from './noteAnchors';
import { rangeContains } from './ranges';

/**
 * What the cursor is on, as the navigation features see it. Every feature (definition,
 * references, highlights, rename) starts here, so they agree on what a position means.
 */
export type Subject =
  | {
      kind: 'link';
      link: WikiLink;
      /** Set when the cursor is on an alias that is an ATT&CK ID (`[[Audit\|M1047]]` on `M1047`). */
      id?: string;
      range: Range;
    }
  | {
      kind: 'id';
      id: string;
      range: Range;
      /** The note's own ID where it declares it (front matter alias or `## ID` heading). */
      declaration: boolean;
    }
  | { kind: 'citation'; name: string; range: Range }
  | { kind: 'footnote'; label: string; range: Range };

export function subjectAt(note: Note, position: Position): Subject | undefined {
  const link = note.wikilinks.find((candidate) => rangeContains(candidate.range, position));
  if (link) {
    const onAlias = link.alias && rangeContains(link.alias.range, position);
    const aliasId = onAlias ? idMentionAt(note, position.line, position.character) : undefined;
    return aliasId
      ? { kind: 'link', link, id: aliasId.id, range: aliasId.range }
      : { kind: 'link', link, range: link.range };
  }
  const citation = note.citations.find((candidate) => rangeContains(candidate.range, position));
  if (citation) return { kind: 'citation', name: citation.name.text, range: citation.name.range };
  const reference = note.references.find((line) => rangeContains(line.name.range, position));
  if (reference)
    return { kind: 'citation', name: reference.name.text, range: reference.name.range };
  const footnote =
    note.footnoteReferences.find((candidate) => rangeContains(candidate.range, position)) ??
    note.footnoteDefinitions
      .map((definition) => ({ label: definition.label.text, range: definition.label.range }))
      .find((candidate) => rangeContains(candidate.range, position));
  if (footnote) return { kind: 'footnote', label: footnote.label, range: footnote.range };
  const mention = idMentionAt(note, position.line, position.character);
  if (mention) {
    const declaration =
      mention.id === note.identity?.id &&
      declarationRanges(note).some((range) => rangeContains(range, mention.range.start));
    return { kind: 'id', id: mention.id, range: mention.range, declaration };
  }
  return undefined;
}

/** The notes a subject stands for and the ID whose mentions count as naming it. */
export interface SubjectTarget {
  notes: IndexedNote[];
  id?: string;
  /**
   * A link to a note that does not exist: other links that name the same missing note (same
   * target, compared as link keys) are its references, which is what someone about to create
   * the note wants to see.
   */
  missing?: { folderUri: string; key: string };
}

/** The key broken links are compared by: the target without `.md`, leading `/` or case. */
export function missingLinkKey(target: string): string {
  return linkKeyOfTarget(target);
}

/**
 * What "the same thing" means for references and highlights: a link stands for the note it
 * resolves to (and that note's ID); an ID stands for itself and for the notes that define it.
 */
export function targetOf(
  subject: Subject,
  note: Note,
  index: VaultIndex,
): SubjectTarget | undefined {
  if (subject.kind === 'id') return { notes: index.definitionsOf(subject.id), id: subject.id };
  if (subject.kind !== 'link') return undefined;
  const resolution = index.resolveLink(note.uri, subject.link);
  if (resolution.kind === 'resolved') {
    const id = subject.id ?? resolution.target.identity?.id;
    return { notes: [resolution.target], id };
  }
  if (subject.id) return { notes: index.definitionsOf(subject.id), id: subject.id };
  const folderUri = index.get(note.uri)?.folderUri;
  const written = subject.link.target.text.trim();
  // Relative targets depend on the linking note's folder, so they have no vault-wide key.
  if (resolution.kind === 'broken' && folderUri !== undefined && !written.startsWith('.'))
    return { notes: [], missing: { folderUri, key: missingLinkKey(written) } };
  return undefined;
}
