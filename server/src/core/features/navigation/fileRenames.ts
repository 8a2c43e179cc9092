import type { TextEdit } from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import {
  canonicalUri,
  isMarkdownPath,
  linkKey,
  noteNameOf,
  vaultPathOf,
} from '../../index/vaultPaths';
import { rewriteLinkTarget, VaultPathSet } from './linkTargetRewrite';

/**
 * The link edits a rename of notes or folders needs (`workspace/willRenameFiles`): every link to
 * a moved note is rewritten in its own style, links that a new name would make ambiguous get the
 * shortest path that is not, and relative links inside moved notes follow them. The edits apply
 * to the documents as they are before the rename, as the protocol prescribes.
 */

export interface FileRename {
  oldUri: string;
  newUri: string;
}

/** Text edits by document URI (`WorkspaceEdit.changes`). */
export type LinkEdits = Record<string, TextEdit[]>;

export function linkEditsForRenames(renames: readonly FileRename[], index: VaultIndex): LinkEdits {
  const moved = movedNotes(renames, index);
  const edits: LinkEdits = {};
  if (moved.size === 0) return edits;
  const seen = new Set<string>();
  const add = (uri: string, edit: TextEdit): void => {
    const key = `${uri}#${edit.range.start.line}:${edit.range.start.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    (edits[uri] ??= []).push(edit);
  };
  const newPathOf = (note: IndexedNote): string => moved.get(note.uri) ?? note.vaultPath;

  for (const folderUri of new Set([...moved.keys()].map((uri) => index.get(uri)!.folderUri))) {
    const vaultNotes = [...index.notes()].filter((note) => note.folderUri === folderUri);
    const paths = new VaultPathSet(vaultNotes.map(newPathOf));
    const newNames = new Set(
      vaultNotes
        .filter((note) => moved.has(note.uri))
        .map((note) => linkKey(noteNameOf(newPathOf(note)))),
    );
    // Moved notes, and the notes whose links a moved note's new name could make ambiguous.
    const targets = vaultNotes.filter(
      (note) => moved.has(note.uri) || newNames.has(linkKey(note.name)),
    );
    for (const target of targets) {
      for (const { source, link } of index.backlinks(target.uri)) {
        const rewritten = rewriteLinkTarget(
          {
            written: link.target.text,
            linkerPath: newPathOf(source),
            oldTargetPath: target.vaultPath,
            newTargetPath: newPathOf(target),
          },
          paths,
        );
        if (rewritten !== undefined)
          add(source.uri, { range: link.target.range, newText: rewritten });
      }
    }
    // A moved note's relative links to notes that stay put must climb from its new folder.
    for (const source of vaultNotes.filter((note) => moved.has(note.uri))) {
      for (const link of source.note.wikilinks) {
        const written = link.target.text.trim();
        if (!written.startsWith('./') && !written.startsWith('../')) continue;
        const resolution = index.resolveLink(source.uri, link);
        if (resolution.kind !== 'resolved' || moved.has(resolution.target.uri)) continue;
        const rewritten = rewriteLinkTarget(
          {
            written: link.target.text,
            linkerPath: newPathOf(source),
            oldTargetPath: resolution.target.vaultPath,
            newTargetPath: resolution.target.vaultPath,
          },
          paths,
        );
        if (rewritten !== undefined)
          add(source.uri, { range: link.target.range, newText: rewritten });
      }
    }
  }
  return edits;
}

/**
 * Note URI → vault path after the rename. A rename of a URI the index holds moves that note;
 * any other URI is taken as a folder and moves every note below it. Moves out of the note's
 * vault, or out of Markdown, are left out: no link inside the vault can follow them.
 */
function movedNotes(renames: readonly FileRename[], index: VaultIndex): Map<string, string> {
  const moved = new Map<string, string>();
  const place = (note: IndexedNote, newUri: string): void => {
    const newPath = vaultPathOf(newUri, note.folderUri);
    // A note renamed to `.txt` leaves the vault's notes: no wikilink text can follow it.
    if (newPath !== undefined && note.folderUri !== '' && isMarkdownPath(newPath))
      moved.set(note.uri, newPath);
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
