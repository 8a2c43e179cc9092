import type { VaultIndex } from '../../index/types';
import { joinRelative, stripMarkdownExtension, uriOfVaultPath } from '../../index/vaultPaths';
import { isAttackId, normaliseId } from '../../kb/names';
import type { AttackDomain, AttackObject, KnowledgeBase } from '../../kb/types';
import { attackIdKind } from '../../model/identity';
import type { NoteKind, WikiLink } from '../../model/types';
import { lineBreakOf } from '../../text/applyEdits';
import { domainOfNote } from '../noteObject';
import { noteSkeleton, type NoteSeed } from './noteSkeleton';
import type { FixContext, NoteFix } from './types';

/**
 * "Create note" for a broken link: a note at the place the link names (its vault path, or for a
 * bare name the folder where the vault keeps notes of its kind), holding the seed-format skeleton
 * of the ATT&CK object the link means, when that can be told: from an ID alias
 * (`[[Python|T1059.006]]`), an ID name (`[[T1059.006]]`, `Domain Accounts (T1078.002)`) or a name
 * ATT&CK knows. Otherwise the note starts empty.
 */

/** Characters Obsidian refuses in note names (and `/`, `\` split paths). */
const UNSAFE_NAME = /[*"<>:|?\\]/;

/**
 * Half of a surrogate pair, alone: no file system can name it, and URI encoding throws on it
 * (fuzzing found the whole code-action answer failing on such a link).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Control characters (below U+0020) have no place in a file name either. */
function hasControlCharacter(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) < 0x20) return true;
  return false;
}

const ID_SUFFIX = /\(([A-Za-z]{1,2}\d{4}(?:\.\d{3})?)\)\s*$/;

function live(object: AttackObject | undefined): AttackObject | undefined {
  return object && !object.revoked && !object.deprecated && object.definitionUri === undefined
    ? object
    : undefined;
}

export function seedOfId(kb: KnowledgeBase, id: string): NoteSeed | undefined {
  const kind = attackIdKind(normaliseId(id));
  if (kind === 'other') return undefined;
  return { id: normaliseId(id), kind, object: live(kb.get(id)) };
}

/** What the link means: an ID in its alias or name, else the one ATT&CK object of its name. */
export function noteSeedOfLink(
  kb: KnowledgeBase,
  link: WikiLink,
  name: string,
  domain: AttackDomain,
): NoteSeed | undefined {
  const alias = link.alias?.text.trim();
  if (alias && isAttackId(alias)) return seedOfId(kb, alias);
  if (isAttackId(name)) return seedOfId(kb, name);
  const suffix = ID_SUFFIX.exec(name);
  if (suffix && isAttackId(suffix[1])) return seedOfId(kb, suffix[1]);
  const named = kb.findByName(name).filter((object) => live(object) !== undefined);
  // Mobile and Enterprise share some names (Command and Scripting Interpreter): the linking
  // note's domain decides between them.
  for (const pool of [named, named.filter((object) => object.domains.includes(domain))]) {
    const ids = new Set(pool.map((object) => object.id));
    if (ids.size === 1) return seedOfId(kb, pool[0].id);
  }
  return undefined;
}

/** The folder (vault path, '' for the root) that holds most notes of `kind` in the vault. */
export function folderOfKind(
  index: VaultIndex,
  folderUri: string,
  kind: NoteKind,
): string | undefined {
  const counts = new Map<string, number>();
  for (const indexed of index.notes()) {
    if (indexed.folderUri !== folderUri || indexed.identity?.kind !== kind) continue;
    const slash = indexed.vaultPath.lastIndexOf('/');
    const folder = slash < 0 ? '' : indexed.vaultPath.slice(0, slash);
    counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [folder, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && folder < best)) {
      best = folder;
      bestCount = count;
    }
  }
  return best;
}

function folderOf(vaultPath: string): string {
  const slash = vaultPath.lastIndexOf('/');
  return slash < 0 ? '' : vaultPath.slice(0, slash);
}

/**
 * `written` with each folder spelt as the vault already spells it: links compare paths
 * case-insensitively, file systems may not, and `[[Tactics/X]]` must not make a second folder
 * beside `tactics/`.
 */
function withExistingFolders(index: VaultIndex, folderUri: string, written: string): string {
  const spelling = new Map<string, string>();
  for (const indexed of index.notes()) {
    if (indexed.folderUri !== folderUri) continue;
    const segments = indexed.vaultPath.split('/').slice(0, -1);
    for (let end = 1; end <= segments.length; end++) {
      const folder = segments.slice(0, end).join('/');
      const key = folder.toLowerCase();
      if (!spelling.has(key)) spelling.set(key, folder);
    }
  }
  const segments = written.split('/');
  const name = segments.pop()!;
  let folder = '';
  for (const segment of segments) {
    const next = folder === '' ? segment : `${folder}/${segment}`;
    folder = spelling.get(next.toLowerCase()) ?? next;
  }
  return folder === '' ? name : `${folder}/${name}`;
}

/** The vault path the new note needs for the link to resolve to it. */
function newNotePath(
  index: VaultIndex,
  from: { folderUri: string; vaultPath: string },
  target: string,
  kind: NoteKind | undefined,
): string | undefined {
  const written = stripMarkdownExtension(target.trim().replace(/\\/g, '/').replace(/^\/+/, ''));
  if (written === '' || written.split('/').some((segment) => segment.trim() === '')) {
    return undefined;
  }
  if (written.startsWith('./') || written.startsWith('../')) {
    const joined = joinRelative(from.vaultPath, written);
    return joined === undefined
      ? undefined
      : `${withExistingFolders(index, from.folderUri, joined)}.md`;
  }
  if (written.includes('/')) return `${withExistingFolders(index, from.folderUri, written)}.md`;
  const folder = (kind && folderOfKind(index, from.folderUri, kind)) ?? folderOf(from.vaultPath);
  return folder === '' ? `${written}.md` : `${folder}/${written}.md`;
}

export function createNoteFix(context: FixContext, link: WikiLink): NoteFix | undefined {
  const { note, index, kb } = context;
  const from = index.get(note.uri);
  if (!from || from.folderUri === '') return undefined;
  const name = stripMarkdownExtension(link.target.text.trim().replace(/\\/g, '/')).split('/').pop();
  if (!name || UNSAFE_NAME.test(name) || hasControlCharacter(name) || /^\.+$/.test(name))
    return undefined;
  if (LONE_SURROGATE.test(link.target.text)) return undefined;
  const seed = noteSeedOfLink(kb, link, name, domainOfNote(note, kb));
  // The vault already has a note for that ID: repointing the link is the fix, not a second note.
  if (seed && index.definitionsOf(seed.id).some((d) => d.folderUri === from.folderUri)) {
    return undefined;
  }
  const vaultPath = newNotePath(index, from, link.target.text, seed?.kind);
  if (!vaultPath) return undefined;
  const eol = lineBreakOf(note.text);
  const text = seed ? noteSkeleton(seed, { index, kb, styleNote: note }, eol) : '';
  const what = seed ? ` for ${seed.id}${seed.object ? ` ${seed.object.name}` : ''}` : '';
  return {
    title: `Create the note '${vaultPath}'${what}`,
    code: 'link-broken',
    unambiguous: false,
    edits: [],
    createNote: { uri: uriOfVaultPath(from.folderUri, vaultPath), text },
  };
}
