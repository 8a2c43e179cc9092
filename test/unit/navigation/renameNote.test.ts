import { strict as assert } from 'node:assert';
import type { RenameFile, TextDocumentEdit } from 'vscode-languageserver-types';
import {
  prepareNoteRename,
  renameNote,
  RenameRefused,
} from '../../../server/src/core/features/navigation/renameNote';
import { memoryVault, noteUri } from '../support/memoryVault';
import { noteOf, positionOf } from './fixtures';

function vault() {
  return memoryVault({
    'mitigations/Audit.md': '---\nalias: M1047\n---\n\n## M1047\n\nText.\n',
    'T.md':
      '## T1000\n\nT1000 uses M1234.\n\n| [[Audit\\|M1047]] | Audit |\n\n[[Deep]] [[Missing]] [[Audit]]\n',
    'a/Deep.md': '# A\n',
    'b/Deep.md': '# B\n',
  });
}

describe('navigation: rename a note from a link or its ID heading', () => {
  it('prepares on a link: the target is marked and the note’s name offered', () => {
    const index = vault();
    const technique = noteOf(index, 'T.md');
    const prepared = prepareNoteRename(technique, index, positionOf(technique, 'Audit\\|', 2));
    assert.equal(prepared.placeholder, 'Audit');
    assert.deepEqual(prepared.range, {
      start: { line: 4, character: 4 },
      end: { line: 4, character: 9 },
    });
  });

  it('prepares on the note’s own ID heading, and refuses elsewhere with a reason', () => {
    const index = vault();
    const audit = noteOf(index, 'mitigations/Audit.md');
    assert.equal(
      prepareNoteRename(audit, index, positionOf(audit, '## M1047', 4)).placeholder,
      'Audit',
    );
    const technique = noteOf(index, 'T.md');
    const refusals: [string, RegExp][] = [
      ['Deep]]', /matches 2 notes \(a\/Deep\.md, b\/Deep\.md\)/],
      ['Missing', /No note named "Missing"/],
      ['| Audit |', /place the cursor on a \[\[wikilink\]\]/],
      ['M1234', /M1234 is not this note’s own ID/],
      ['T1000 uses', /place the cursor on its ID heading \(T1000\)/],
    ];
    for (const [needle, reason] of refusals) {
      assert.throws(
        () => prepareNoteRename(technique, index, positionOf(technique, needle, 2)),
        (error) => {
          assert.ok(error instanceof RenameRefused);
          assert.match(error.message, reason);
          return true;
        },
      );
    }
  });

  it('renames: link edits on the documents as they are, then the file move', () => {
    const index = vault();
    const technique = noteOf(index, 'T.md');
    const edit = renameNote(
      technique,
      index,
      positionOf(technique, '[[Audit]]', 3),
      'Audit Policy',
    );
    const changes = edit.documentChanges!;
    const move = changes.at(-1) as RenameFile;
    assert.deepEqual(move, {
      kind: 'rename',
      oldUri: noteUri('mitigations/Audit.md'),
      newUri: noteUri('mitigations/Audit Policy.md'),
    });
    const [textEdit, ...others] = changes.slice(0, -1) as TextDocumentEdit[];
    assert.equal(others.length, 0);
    assert.deepEqual(textEdit.textDocument, { uri: noteUri('T.md'), version: null });
    assert.deepEqual(
      textEdit.edits.map((e) => e.newText),
      ['Audit Policy', 'Audit Policy'],
    );
    // A name with a slash is a vault path: the note moves.
    const moved = renameNote(
      technique,
      index,
      positionOf(technique, '[[Audit]]', 3),
      'archive/Audit.md',
    );
    assert.equal((moved.documentChanges!.at(-1) as RenameFile).newUri, noteUri('archive/Audit.md'));
  });

  it('refuses names that cannot be note files and names already taken', () => {
    const index = vault();
    const technique = noteOf(index, 'T.md');
    const at = positionOf(technique, '[[Audit]]', 3);
    assert.throws(() => renameNote(technique, index, at, '  '), /empty/);
    assert.throws(() => renameNote(technique, index, at, 'Audit|x'), /cannot contain/);
    assert.throws(() => renameNote(technique, index, at, '../Audit'), /not a valid note path/);
    assert.throws(() => renameNote(technique, index, at, '/T'), /already exists at T\.md/);
  });
});

describe('navigation: rename in a workspace of several folders', () => {
  it('renames within the note’s own folder: links and names in the other folder are not touched', () => {
    const index = memoryVault(
      {
        '/one/mitigations/Audit.md': '## M1047\n',
        '/one/T.md': '[[Audit]] [[mitigations/Audit]]\n',
        '/two/mitigations/Audit.md': '## M1047\n',
        '/two/Audit Policy.md': '# Taken in /two only\n',
        '/two/T.md': '[[Audit]] [[mitigations/Audit]]\n',
      },
      ['/one', '/two'],
    );
    const technique = index.get(noteUri('T.md', '/one'))!.note;
    const edit = renameNote(
      technique,
      index,
      positionOf(technique, '[[Audit]]', 3),
      'Audit Policy',
    );
    const changes = edit.documentChanges!;
    assert.deepEqual(changes.at(-1), {
      kind: 'rename',
      oldUri: noteUri('mitigations/Audit.md', '/one'),
      newUri: noteUri('mitigations/Audit Policy.md', '/one'),
    });
    const textEdits = changes.slice(0, -1) as TextDocumentEdit[];
    assert.deepEqual(
      textEdits.map((change) => change.textDocument.uri),
      [noteUri('T.md', '/one')],
    );
    assert.deepEqual(
      textEdits[0].edits.map((e) => e.newText),
      ['Audit Policy', 'mitigations/Audit Policy'],
    );
  });
});
