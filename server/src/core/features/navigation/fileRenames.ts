import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { IndexedNote, NotePlace, VaultIndex } from '../../index/types';
import { canonicalUri, isMarkdownPath, linkKey, noteNameOf } from '../../index/vaultPaths';
import type { WikiLink } from '../../model/types';
import { rewriteLinkTarget, VaultPathSet } from './linkTargetRewrite';

/**
 * The link edits a rename of notes or folders needs (`workspace/willRenameFiles`): every link to
 * a moved note is rewritten in its own style, links that a new name would make ambiguous get the
 * shortest path that is not, and relative links inside moved notes follow them. The edits apply
 * to the documents as they are before the rename, as the protocol prescribes.
 *
 * Each workspace folder is a vault of its own (as each Obsidian vault is): a wikilink resolves
 * only among the notes of its own folder. A note moved into another folder is, for links, a note
 * leaving one vault and arriving in another: the destination's links are rewritten as for a move
 * within one folder (links moved along with it included), and the links that stay behind in the
 * first vault, which no wikilink text can carry across, are reported rather than edited.
 */

export interface FileRename {
  oldUri: string;
  newUri: string;
}

/** Text edits by document URI (`WorkspaceEdit.changes`). */
export type LinkEdits = Record<string, TextEdit[]>;

/** A link that resolves today but cannot after the rename: its note and target end up in different vaults. */
export interface LinkLeftBehind {
  /** The note holding the link, and the range of its target as written. */
  sourceUri: string;
  range: Range;
  /** The note the link leads to today. */
  targetUri: string;
}

export interface RenamePlan {
  edits: LinkEdits;
  leftBehind: LinkLeftBehind[];
}

export function linkEditsForRenames(renames: readonly FileRename[], index: VaultIndex): LinkEdits {
  return planRenames(renames, index).edits;
}

export function planRenames(renames: readonly FileRename[], index: VaultIndex): RenamePlan {
  const moved = movedNotes(renames, index);
  const plan: RenamePlan = { edits: {}, leftBehind: [] };
  if (moved.size === 0) return plan;
  const placeOf = (note: IndexedNote): NotePlace => moved.get(note.uri) ?? note;

  // Each vault's paths as they will be, made for the vaults a link is rewritten in.
  const pathSets = new Map<string, VaultPathSet>();
  const pathsIn = (folderUri: string): VaultPathSet => {
    let paths = pathSets.get(folderUri);
    if (!paths) {
      const after = [...index.notes()].map(placeOf).filter((at) => at.folderUri === folderUri);
      pathSets.set(folderUri, (paths = new VaultPathSet(after.map((at) => at.vaultPath))));
    }
    return paths;
  };

  const seen = new Set<string>();
  /** Rewrites a link to `target`, which will be at `targetAfter`, or reports it left behind. */
  const follow = (
    source: IndexedNote,
    link: WikiLink,
    target: IndexedNote,
    targetAfter: NotePlace,
  ): void => {
    // `[[#Heading]]` leads to its own note wherever that goes.
    if (link.target.text.trim() === '') return;
    const { range } = link.target;
    const key = `${source.uri}#${range.start.line}:${range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    const sourceAfter = placeOf(source);
    if (sourceAfter.folderUri !== targetAfter.folderUri) {
      plan.leftBehind.push({ sourceUri: source.uri, range, targetUri: target.uri });
      return;
    }
    const rewritten = rewriteLinkTarget(
      {
        written: link.target.text,
        linkerPath: sourceAfter.vaultPath,
        oldTargetPath: target.vaultPath,
        newTargetPath: targetAfter.vaultPath,
      },
      pathsIn(targetAfter.folderUri),
    );
    if (rewritten !== undefined)
      (plan.edits[source.uri] ??= []).push({ range, newText: rewritten });
  };

  // Names that arrive in each vault: a note there of the same name may lose its bare links.
  const arriving = new Map<string, Set<string>>();
  for (const at of moved.values()) {
    const names = arriving.get(at.folderUri) ?? new Set<string>();
    names.add(linkKey(noteNameOf(at.vaultPath)));
    arriving.set(at.folderUri, names);
  }
  const targets = [...index.notes()].filter(
    (note) => moved.has(note.uri) || arriving.get(note.folderUri)?.has(linkKey(note.name)),
  );
  for (const target of targets) {
    for (const { source, link } of index.backlinks(target.uri))
      follow(source, link, target, placeOf(target));
  }
  // A moved note's links to notes that stay: relative ones climb from its new folder, and all of
  // them stay behind when it leaves their vault.
  for (const uri of moved.keys()) {
    const source = index.get(uri)!;
    const leavesVault = moved.get(uri)!.folderUri !== source.folderUri;
    for (const link of source.note.wikilinks) {
      const written = link.target.text.trim();
      if (!leavesVault && !written.startsWith('./') && !written.startsWith('../')) continue;
      const resolution = index.resolveLink(source.uri, link);
      if (resolution.kind !== 'resolved' || moved.has(resolution.target.uri)) continue;
      follow(source, link, resolution.target, resolution.target);
    }
  }
  return plan;
}

/**
 * One line for the user about the links a rename leaves behind, or undefined when there are none:
 * "2 links in 1 note to techniques/Python.md cannot follow the move: …".
 */
export function leftBehindMessage(plan: RenamePlan, index: VaultIndex): string | undefined {
  const count = plan.leftBehind.length;
  if (count === 0) return undefined;
  const notes = new Set(plan.leftBehind.map((link) => link.sourceUri)).size;
  const targets = [...new Set(plan.leftBehind.map((link) => link.targetUri))];
  const target = targets.length === 1 ? index.get(targets[0])?.vaultPath : undefined;
  return (
    `${count === 1 ? '1 link' : `${count} links`} in ${notes === 1 ? '1 note' : `${notes} notes`}` +
    `${target ? ` to ${target}` : ''} cannot follow the move: the link and the note it leads ` +
    `to end up in different workspace folders, and each folder is a vault of its own (wikilinks ` +
    `do not cross vaults). After the move they are broken, or lead to a note of the same name ` +
    `in their own folder.`
  );
}

/**
 * Note URI → where it will be. A rename of a URI the index holds moves that note; any other URI
 * is taken as a folder and moves every note below it. A note lands in the workspace folder that
 * holds its new URI (the innermost one); moves out of every folder, or out of Markdown, are left
 * out: no wikilink can follow them.
 */
function movedNotes(renames: readonly FileRename[], index: VaultIndex): Map<string, NotePlace> {
  const moved = new Map<string, NotePlace>();
  const place = (note: IndexedNote, newUri: string): void => {
    const after = index.folderOf(newUri);
    // A note renamed to `.txt` leaves the vault's notes: no wikilink text can follow it.
    if (after !== undefined && note.folderUri !== '' && isMarkdownPath(after.vaultPath))
      moved.set(note.uri, after);
  };
  for (const rename of renames) {
    const oldUri = canonicalUri(rename.oldUri);
    const newUri = canonicalUri(rename.newUri);
    const note = index.get(oldUri);
    if (note) {
      place(note, newUri);
      continue;
    }
    const prefix = oldUri.endsWith('/') ? oldUri : `${oldUri}/`;
    const newPrefix = newUri.endsWith('/') ? newUri : `${newUri}/`;
    for (const candidate of index.notes()) {
      if (candidate.uri.startsWith(prefix))
        place(candidate, newPrefix + candidate.uri.slice(prefix.length));
    }
  }
  return moved;
}
