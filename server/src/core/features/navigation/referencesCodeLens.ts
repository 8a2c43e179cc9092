import type { CodeLens } from 'vscode-languageserver-types';
import type { VaultIndex } from '../../index/types';
import type { Note } from '../../model/types';
import { idHeadingOf } from './noteAnchors';
import { referencesTo } from './references';

/** The client registers this command and turns its arguments into `editor.action.showReferences`. */
export const SHOW_REFERENCES_COMMAND = 'attackNotes.showReferences';

/**
 * "N references" above a note's ID heading (or its front matter ID when it has no such heading,
 * as in the kb dialect). The count is computed right away: one note's references take a
 * backlink lookup and one text scan of the vault, cheap enough not to need `codeLens/resolve`.
 */
export function referencesCodeLens(note: Note, index: VaultIndex): CodeLens[] {
  const indexed = index.get(note.uri);
  if (!indexed || !note.identity) return [];
  const range = idHeadingOf(note)?.textRange ?? note.identity.range;
  if (!range) return [];
  const locations = referencesTo({ notes: [indexed], id: note.identity.id }, index, {
    includeDeclaration: false,
  });
  const count = locations.length;
  return [
    {
      range,
      command: {
        title: count === 1 ? '1 reference' : `${count} references`,
        command: SHOW_REFERENCES_COMMAND,
        arguments: [indexed.uri, range.start, locations],
      },
    },
  ];
}
