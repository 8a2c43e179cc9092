import { createdNoteName } from './noteName';
import { folderOfKind, seedOfId } from '../codeActions/createNote';
import { noteSkeleton } from '../codeActions/noteSkeleton';
import type { IndexedNote, VaultIndex } from '../../index/types';
import { linkKey, uriOfVaultPath } from '../../index/vaultPaths';
import { isAttackId, normaliseId } from '../../kb/names';
import type { KnowledgeBase } from '../../kb/types';
import { parseNote } from '../../model/parseNote';
import type { Note } from '../../model/types';
import { lineBreakOf } from '../../text/applyEdits';

/**
 * A new note for an ATT&CK ID that the vault has no note for (an empty cell of the coverage
 * matrix): the same seed-format skeleton the link-broken quick fix writes, in the folder where the
 * vault keeps notes of the ID's kind, named as the vault names them.
 */

export interface NewNote {
  uri: string;
  /** Path from the vault root (`techniques/Python.md`). */
  vaultPath: string;
  text: string;
  /** What the note is for: `T1059.006 Python`, or the ID alone when ATT&CK does not know it. */
  title: string;
}

export type NewNoteOutcome = { note: NewNote } | { problem: string };

function folderOf(vaultPath: string): string {
  const slash = vaultPath.lastIndexOf('/');
  return slash < 0 ? '' : vaultPath.slice(0, slash);
}

/**
 * The note whose link style the skeleton's links follow: a note of the same kind in the target
 * folder, else any note of the vault, else an empty note (short links).
 */
function styleNoteFor(
  notes: readonly IndexedNote[],
  folder: string,
  kind: string,
  uri: string,
): Note {
  const sameKind = notes.find((n) => n.identity?.kind === kind && folderOf(n.vaultPath) === folder);
  return (sameKind ?? notes[0])?.note ?? parseNote('', uri);
}

export function newNoteForId(
  index: VaultIndex,
  kb: KnowledgeBase,
  folderUri: string,
  id: string,
): NewNoteOutcome {
  if (!isAttackId(id)) return { problem: `${JSON.stringify(id)} is not an ATT&CK ID.` };
  const seed = seedOfId(kb, id);
  if (!seed) return { problem: `${id} is not the ID of an ATT&CK object a note describes.` };
  const existing = index.definitionsOf(seed.id).filter((n) => n.folderUri === folderUri);
  if (existing.length > 0)
    return { problem: `${seed.id} already has a note: ${existing[0].vaultPath}.` };

  const notes = [...index.notes()].filter((n) => n.folderUri === folderUri);
  const folder = folderOfKind(index, folderUri, seed.kind) ?? '';
  const takenNames = new Set(notes.map((n) => linkKey(n.name)));
  const name = createdNoteName(seed.id, seed.object?.name, (candidate) =>
    takenNames.has(linkKey(candidate)),
  );
  const vaultPath = folder === '' ? `${name}.md` : `${folder}/${name}.md`;
  const uri = uriOfVaultPath(folderUri, vaultPath);
  const styleNote = styleNoteFor(notes, folder, seed.kind, uri);
  const text = noteSkeleton(seed, { index, kb, styleNote }, lineBreakOf(styleNote.text));
  const title = seed.object ? `${seed.id} ${seed.object.name}` : normaliseId(seed.id);
  return { note: { uri, vaultPath, text, title } };
}
