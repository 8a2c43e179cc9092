import type {
  Position,
  Range,
  RenameFile,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { IndexedNote, VaultIndex } from '../../index/types';
import { linkKeyOfVaultPath, stripMarkdownExtension, uriOfVaultPath } from '../../index/vaultPaths';
import type { Note } from '../../model/types';
import { linkEditsForRenames } from './fileRenames';
import { subjectAt } from './subjectAt';

/**
 * Rename on a wikilink or on a note's own ID renames the note's file: the edit moves the file and
 * rewrites every link to it (see fileRenames). Anywhere else, or on a link that does not lead to
 * exactly one note, the rename is refused with a reason the editor shows.
 */

/** A rename the server declines; its message is meant for the user. */
export class RenameRefused extends Error {}

export interface RenameTarget {
  /** The text the editor marks as being renamed. */
  range: Range;
  /** Offered as the new name: the note's file name without `.md`. */
  placeholder: string;
  note: IndexedNote;
}

export function prepareNoteRename(note: Note, index: VaultIndex, position: Position): RenameTarget {
  const subject = subjectAt(note, position);
  if (subject?.kind === 'link') {
    const resolution = index.resolveLink(note.uri, subject.link);
    const written = subject.link.target.text.trim() || '(this note)';
    if (resolution.kind === 'broken')
      throw new RenameRefused(`No note named "${written}" exists, so there is no file to rename.`);
    if (resolution.kind === 'ambiguous')
      throw new RenameRefused(
        `"${written}" matches ${resolution.candidates.length} notes ` +
          `(${resolution.candidates.map((c) => c.vaultPath).join(', ')}); write a path to pick one first.`,
      );
    return renameTarget(resolution.target, subject.link.target.range);
  }
  if (subject?.kind === 'id' && subject.declaration) {
    const self = index.get(note.uri);
    if (!self) throw new RenameRefused('This note is not part of the index yet.');
    return renameTarget(self, subject.range);
  }
  if (subject?.kind === 'id' && subject.id === note.identity?.id)
    throw new RenameRefused(
      `To rename this note, place the cursor on its ID heading (${subject.id}).`,
    );
  if (subject?.kind === 'id')
    throw new RenameRefused(
      `${subject.id} is not this note’s own ID: rename its note from that note’s ID heading or from a [[wikilink]] to it.`,
    );
  throw new RenameRefused(
    'Rename renames a note: place the cursor on a [[wikilink]] or on the note’s own ID heading.',
  );
}

function renameTarget(target: IndexedNote, range: Range): RenameTarget {
  if (target.folderUri === '')
    throw new RenameRefused(
      'The note lies outside the workspace folders; links to it cannot be updated.',
    );
  return { range, placeholder: target.name, note: target };
}

// Characters that Obsidian refuses in file names, or that would break a wikilink.
const FORBIDDEN = /[\\:*?"<>|#^[\]]/;

export function renameNote(
  note: Note,
  index: VaultIndex,
  position: Position,
  newName: string,
): WorkspaceEdit {
  const { note: target } = prepareNoteRename(note, index, position);
  const newVaultPath = newPathFor(target, newName);
  const clash = [...index.notes()].find(
    (other) =>
      other.folderUri === target.folderUri &&
      other.uri !== target.uri &&
      linkKeyOfVaultPath(other.vaultPath) === linkKeyOfVaultPath(newVaultPath),
  );
  if (clash) throw new RenameRefused(`A note already exists at ${clash.vaultPath}.`);
  const newUri = uriOfVaultPath(target.folderUri, newVaultPath);
  const edits = linkEditsForRenames([{ oldUri: target.uri, newUri }], index);
  // Link edits first, on the documents as they are; the file moves last.
  const documentChanges: (TextDocumentEdit | RenameFile)[] = Object.entries(edits).map(
    ([uri, textEdits]) => ({
      textDocument: { uri, version: index.get(uri)?.note.version ?? null },
      edits: textEdits,
    }),
  );
  documentChanges.push({ kind: 'rename', oldUri: target.uri, newUri });
  return { documentChanges };
}

/**
 * A name without `/` renames the file in its folder; a name with `/` is a vault path from the
 * root (`/Name` for the root itself), which moves it. The note keeps its extension whether or not the name repeats it.
 */
function newPathFor(target: IndexedNote, newName: string): string {
  const extension = /\.(md|markdown)$/i.exec(target.vaultPath)?.[0] ?? '.md';
  const name = stripMarkdownExtension(newName.trim());
  if (name === '') throw new RenameRefused('The new name is empty.');
  const segments = name.replace(/^\/+/, '').split('/');
  for (const segment of segments) {
    if (segment.trim() === '' || segment === '.' || segment === '..')
      throw new RenameRefused(`"${newName}" is not a valid note path.`);
    if (FORBIDDEN.test(segment))
      throw new RenameRefused(
        `A note name cannot contain \\ : * ? " < > | # ^ [ or ] (Obsidian and wikilinks reject them).`,
      );
  }
  if (name.includes('/')) return `${segments.join('/')}${extension}`;
  const folder = target.vaultPath.includes('/')
    ? target.vaultPath.slice(0, target.vaultPath.lastIndexOf('/') + 1)
    : '';
  return `${folder}${name}${extension}`;
}
