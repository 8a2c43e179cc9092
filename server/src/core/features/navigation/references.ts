import type { Location, Position, Range } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import { baseNameOfKey } from '../../index/vaultPaths';
import { wikiLinkTargets } from '../../model/inline/wikiLinks';
import type { Note, WikiLink } from '../../model/types';
import { idMentions, type IdMention } from './idMentions';
import { declarationRanges, declarationSelectionRange } from './noteAnchors';
import { comparePositions, rangeContains, rangeEncloses } from './ranges';
import { missingLinkKey, subjectAt, targetOf, type SubjectTarget } from './subjectAt';

/**
 * Find all references. From a link, an ID or a note's own ID heading: every link that resolves
 * to the note and every mention of its ID elsewhere (table ID cells, aliases of links that point
 * elsewhere, running text), sorted by the referring note's vault path, then by position.
 */
export function references(
  note: Note,
  index: VaultIndex,
  position: Position,
  options: { includeDeclaration: boolean },
): Location[] | undefined {
  const subject = subjectAt(note, position);
  if (!subject) return undefined;
  const target = targetOf(subject, note, index);
  if (!target) return undefined;
  return referencesTo(target, index, options);
}

/** The references of a note or an ID, shared by `references` and the references code lens. */
export function referencesTo(
  target: SubjectTarget,
  index: VaultIndex,
  options: { includeDeclaration: boolean },
): Location[] {
  const found: { note: IndexedNote; location: Location }[] = [];
  const targetUris = new Set(target.notes.map((note) => note.uri));
  for (const defining of target.notes) {
    for (const { source, link } of index.backlinks(defining.uri)) {
      found.push({ note: source, location: { uri: source.uri, range: link.range } });
    }
    if (options.includeDeclaration) {
      const range = declarationSelectionRange(defining.note);
      found.push({ note: defining, location: { uri: defining.uri, range } });
    }
  }
  if (target.id) {
    const id = target.id.toUpperCase();
    const targetKey = `${index.structureVersion}\n${[...targetUris].sort().join('\n')}`;
    for (const candidate of index.notes()) {
      if (!candidate.mentionedIds.has(id)) continue;
      for (const range of countedMentions(candidate, id, targetUris, targetKey, index)) {
        found.push({ note: candidate, location: { uri: candidate.uri, range } });
      }
    }
  }
  if (target.missing) {
    for (const candidate of index.notes()) {
      for (const link of brokenLinksTo(candidate, target.missing, index)) {
        found.push({ note: candidate, location: { uri: candidate.uri, range: link.range } });
      }
    }
  }
  return found
    .sort(
      (a, b) =>
        a.note.vaultPath.localeCompare(b.note.vaultPath) ||
        comparePositions(a.location.range.start, b.location.range.start),
    )
    .map((entry) => entry.location);
}

/** Links of `source` that name the missing note `missing` and still resolve to nothing. */
export function brokenLinksTo(
  source: IndexedNote,
  missing: NonNullable<SubjectTarget['missing']>,
  index: VaultIndex,
): WikiLink[] {
  if (source.folderUri !== missing.folderUri) return [];
  // Most notes cannot name the missing note at all: decided without building their models.
  if (!source.linkNames.includes(baseNameOfKey(missing.key))) return [];
  return source.note.wikilinks.filter(
    (link) =>
      missingLinkKey(link.target.text) === missing.key &&
      index.resolveLink(source.uri, link).kind === 'broken',
  );
}

/**
 * Per note (its index entry, replaced when it changes) and ID: the mentions that count, and what
 * they were counted against (the index's structure and the target notes). A vault copied ten
 * times mentions an ID in a thousand notes; deciding whether each mention sits in a link takes
 * the note's model, and the index keeps a bounded number of those, so repeated requests (the
 * references lens after each edit) would rebuild them all again and again.
 */
const countedByNote = new WeakMap<IndexedNote, Map<string, { key: string; ranges: Range[] }>>();

function countedMentions(
  candidate: IndexedNote,
  id: string,
  targetUris: ReadonlySet<string>,
  targetKey: string,
  index: VaultIndex,
): Range[] {
  let byId = countedByNote.get(candidate);
  if (!byId) countedByNote.set(candidate, (byId = new Map()));
  const known = byId.get(id);
  if (known && known.key === targetKey) return known.ranges;
  const ranges: Range[] = [];
  const mentions = idMentions(candidate, id);
  if (mentions.length > 0) {
    const text = candidate.text;
    const declarations = targetUris.has(candidate.uri) ? declarationRanges(candidate.note) : [];
    for (const mention of mentions) {
      if (declarations.some((range) => rangeEncloses(range, mention.range))) continue;
      if (insideLinkTo(candidate, text, mention, targetUris, index)) continue;
      ranges.push(mention.range);
    }
  }
  byId.set(id, { key: targetKey, ranges });
  return ranges;
}

/**
 * A mention inside a link that already counts as a backlink (`[[Audit\|M1047]]`) is not a second
 * reference. Links cannot span lines or hold brackets, so the `[[...]]` around the mention on its
 * line is the only link that can hold it: when there is none, or its target resolves elsewhere,
 * the answer needs no model (a vault copied ten times mentions an ID in a thousand notes, mostly
 * in links to other notes). Only a link to the target is checked against the model, which leaves
 * out links in code and comments.
 */
function insideLinkTo(
  source: IndexedNote,
  text: string,
  mention: IdMention,
  targetUris: ReadonlySet<string>,
  index: VaultIndex,
): boolean {
  const written = linkTargetAround(text, mention.offset);
  if (written === undefined) return false;
  const around = index.resolveLink(source.uri, { target: { text: written, range: mention.range } });
  if (around.kind !== 'resolved' || !targetUris.has(around.target.uri)) return false;
  const position = mention.range.start;
  const link = source.note.wikilinks.find((candidate) => rangeContains(candidate.range, position));
  if (!link) return false;
  const resolution = index.resolveLink(source.uri, link);
  return resolution.kind === 'resolved' && targetUris.has(resolution.target.uri);
}

/**
 * The target, as written, of the `[[...]]` holding `offset` (the parser's link shape: no bracket
 * or line break inside), or undefined when no such link holds it.
 */
export function linkTargetAround(text: string, offset: number): string | undefined {
  const open = text.lastIndexOf('[[', offset);
  if (open === -1) return undefined;
  for (let at = open + 2; at < offset; at++) {
    if (!insideLink(text.charCodeAt(at))) return undefined;
  }
  for (let at = offset; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 93 /* ] */) {
      if (text.charCodeAt(at + 1) !== 93) return undefined;
      return wikiLinkTargets(text.slice(open, at + 2))[0];
    }
    if (!insideLink(code)) return undefined;
  }
  return undefined;
}

/** Whether a character may stand between a link's `[[` and `]]`. */
function insideLink(code: number): boolean {
  return code !== 91 /* [ */ && code !== 93 /* ] */ && code !== 10 && code !== 13;
}
