import type { Range } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import type { AttackObject, AttackObjectType } from '../../kb/types';
import type { Note } from '../../model/types';
import { stripMarkdownExtension } from '../../index/vaultPaths';

/**
 * Writing links the way the note already writes them (docs/note-formats): short names that
 * resolve unambiguously (`[[Execution]]`), or full vault paths (`[[kb/mitre/attack/...]]`).
 */

export type LinkStyle = 'path' | 'short';

const NO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function resolvesTo(index: VaultIndex, fromUri: string, target: string, uri: string): boolean {
  const resolution = index.resolveLink(fromUri, { target: { text: target, range: NO_RANGE } });
  return resolution.kind === 'resolved' && resolution.target.uri === uri;
}

/** The shortest tail of the note's vault path that resolves to it alone from `fromUri`. */
export function shortestTarget(index: VaultIndex, fromUri: string, target: IndexedNote): string {
  const path = stripMarkdownExtension(target.vaultPath);
  const segments = path.split('/');
  for (let first = segments.length - 1; first > 0; first--) {
    const candidate = segments.slice(first).join('/');
    if (resolvesTo(index, fromUri, candidate, target.uri)) return candidate;
  }
  return path;
}

/**
 * Vault paths when most of the note's links name a folder; short names otherwise. A note without
 * links goes by its dialect: the kb generator's `mitre-attack:` key holds the note's own vault
 * path, and that generator links by vault path everywhere.
 */
export function linkStyleOf(note: Note): LinkStyle {
  // Asked once per fix or completion; fix-all of a 5,000-row table asked it 5,000 times.
  let style = linkStyles.get(note);
  if (style === undefined) linkStyles.set(note, (style = computeLinkStyle(note)));
  return style;
}

/** Notes are immutable models (a new one per edit), so their link style can be kept with them. */
const linkStyles = new WeakMap<Note, LinkStyle>();

function computeLinkStyle(note: Note): LinkStyle {
  if (note.wikilinks.length === 0) {
    const own = note.frontmatter?.fields.find((f) => f.key.toLowerCase() === 'mitre-attack');
    const value = own?.value?.text ?? '';
    return value.includes('/') && !value.includes('://') ? 'path' : 'short';
  }
  let paths = 0;
  for (const link of note.wikilinks) if (link.target.text.includes('/')) paths++;
  return paths * 2 > note.wikilinks.length ? 'path' : 'short';
}

/** The style a sample link (another row's link) shows, or the note's overall style. */
export function styleOfSample(note: Note, sample: string | undefined): LinkStyle {
  if (sample === undefined) return linkStyleOf(note);
  return sample.includes('/') ? 'path' : 'short';
}

export function targetText(
  index: VaultIndex,
  fromUri: string,
  target: IndexedNote,
  style: LinkStyle,
): string {
  return style === 'path'
    ? stripMarkdownExtension(target.vaultPath)
    : shortestTarget(index, fromUri, target);
}

/** A generated note's file name for `ID-Name` vaults (kb dialect), else the seed's plain name. */
function generatedFileName(object: { id: string; name: string }, sampleName?: string): string {
  if (sampleName && /^[A-Z]{1,2}\d{4}(?:\.\d{3})?-/i.test(sampleName)) {
    // The kb generator turns every run of other characters into one underscore.
    const name = object.name.replace(/[^\p{L}\p{N}-]+/gu, '_').replace(/^_+|_+$/g, '');
    return `${object.id}-${name}`;
  }
  // `/` cannot be in a file name; generators write the full-width `／` instead.
  return object.name.replace(/\//g, '／');
}

/**
 * The target of a link to an ATT&CK object: the note of this vault that defines its ID, written
 * in the style of `sample` (another link of the same table or list) or of the note; when no note
 * defines it, the name that note would have next to the sample's target.
 */
export function objectLinkTarget(
  index: VaultIndex,
  note: Note,
  object: Pick<AttackObject, 'id' | 'name' | 'type'>,
  sample?: string,
): string {
  const from = index.get(note.uri);
  const defining = index
    .definitionsOf(object.id)
    .filter((candidate) => !from || from.folderUri === '' || candidate.folderUri === from.folderUri)
    .sort((a, b) => a.vaultPath.length - b.vaultPath.length);
  if (defining.length > 0)
    return targetText(index, note.uri, defining[0], styleOfSample(note, sample));
  sample ??= linkStyleOf(note) === 'path' ? siblingSample(note, object.type) : undefined;
  if (sample === undefined) return generatedFileName(object);
  const slash = sample.lastIndexOf('/');
  return sample.slice(0, slash + 1) + generatedFileName(object, sample.slice(slash + 1));
}

/** Folders generators file each kind of note in (`.../tactics/Execution`). */
const KIND_FOLDERS: Partial<Record<AttackObjectType, string>> = {
  tactic: 'tactics',
  technique: 'techniques',
  mitigation: 'mitigations',
  group: 'groups',
  software: 'software',
  campaign: 'campaigns',
};
const KNOWN_FOLDERS = new Set(Object.values(KIND_FOLDERS));

/**
 * A path-style link of the note moved to the folder of `type`'s notes: with no link of that kind
 * to copy, `.../ICS-Attack/tactics/Execution` still tells where `.../ICS-Attack/mitigations/` is.
 */
function siblingSample(note: Note, type: AttackObjectType): string | undefined {
  const folder = KIND_FOLDERS[type];
  if (!folder) return undefined;
  for (const link of note.wikilinks) {
    const segments = link.target.text.split('/');
    if (segments.length < 2 || !KNOWN_FOLDERS.has(segments[segments.length - 2].toLowerCase()))
      continue;
    return [...segments.slice(0, -2), folder, segments[segments.length - 1]].join('/');
  }
  return undefined;
}

/** `[[target|alias]]`, with the pipe escaped inside table rows. */
export function wikilinkText(target: string, alias: string | undefined, inTable: boolean): string {
  if (alias === undefined) return `[[${target}]]`;
  return `[[${target}${inTable ? '\\|' : '|'}${alias}]]`;
}
