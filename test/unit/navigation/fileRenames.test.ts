import { strict as assert } from 'node:assert';
import type { TextEdit } from 'vscode-languageserver-types';
import {
  leftBehindMessage,
  linkEditsForRenames,
  planRenames,
  type LinkEdits,
} from '../../../server/src/core/features/navigation/fileRenames';
import type { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { memoryVault, noteUri } from '../support/memoryVault';
import { ATTACK_ROOT, noteById, seedVault, sharedVault, SEED_URI } from './fixtures';
import { itWithShared } from '../../support/sharedData';

/** Applies edits to the notes' text, to read the result as a person would. */
function applied(
  index: WorkspaceIndex,
  edits: LinkEdits,
  vaultPath: string,
  root = '/vault',
): string {
  const note = index.get(noteUri(vaultPath, root))!.note;
  const lines = note.text.split('\n');
  const sorted = [...(edits[note.uri] ?? [])].sort(
    (a: TextEdit, b: TextEdit) =>
      b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
  );
  for (const edit of sorted) {
    assert.equal(edit.range.start.line, edit.range.end.line);
    const line = lines[edit.range.start.line];
    lines[edit.range.start.line] =
      line.slice(0, edit.range.start.character) +
      edit.newText +
      line.slice(edit.range.end.character);
  }
  return lines.join('\n');
}

function rename(index: WorkspaceIndex, from: string, to: string): LinkEdits {
  return linkEditsForRenames([{ oldUri: noteUri(from), newUri: noteUri(to) }], index);
}

describe('navigation: link edits for file renames', () => {
  it('keeps each link’s style: bare name, vault path, .md, #heading, alias and \\| in tables', () => {
    const index = memoryVault({
      'mitigations/Audit.md': '## M1047\n',
      'notes/Linker.md': [
        '[[Audit]] [[audit#Part|see]] [[mitigations/Audit]] [[mitigations/Audit.md]] [[/mitigations/Audit]]',
        '| [[Audit\\|M1047]] | [[../mitigations/Audit\\|M1047]] |',
        '[[./Sibling]] [[Other]]',
      ].join('\n'),
      'notes/Sibling.md': 'Back to [[Audit]].\n',
      'Other.md': '# Other\n',
    });
    const edits = rename(index, 'mitigations/Audit.md', 'mitigations/Audit Policy.md');
    assert.equal(
      applied(index, edits, 'notes/Linker.md'),
      [
        '[[Audit Policy]] [[Audit Policy#Part|see]] [[mitigations/Audit Policy]] [[mitigations/Audit Policy.md]] [[/mitigations/Audit Policy]]',
        '| [[Audit Policy\\|M1047]] | [[../mitigations/Audit Policy\\|M1047]] |',
        '[[./Sibling]] [[Other]]',
      ].join('\n'),
    );
    assert.equal(applied(index, edits, 'notes/Sibling.md'), 'Back to [[Audit Policy]].\n');
    assert.deepEqual(Object.keys(edits).sort(), [
      noteUri('notes/Linker.md'),
      noteUri('notes/Sibling.md'),
    ]);
  });

  it('writes the shortest unambiguous path when the new name is taken, and fixes links the new name would steal', () => {
    const index = memoryVault({
      'mitigations/Audit.md': '## M1047\n',
      'tactics/Execution.md': '## TA0002\n',
      'Linker.md': '[[Audit]] and [[Execution]]\n',
    });
    const edits = rename(index, 'mitigations/Audit.md', 'mitigations/Execution.md');
    assert.equal(
      applied(index, edits, 'Linker.md'),
      '[[mitigations/Execution]] and [[tactics/Execution]]\n',
    );
  });

  it('moves a note to another folder: bare links stay, paths follow, relative links inside it climb', () => {
    const index = memoryVault({
      'a/Note.md': 'Up: [[../Top]]. Here: [[./Friend]].\n',
      'a/Friend.md': '# Friend\n',
      'Top.md': '[[Note]] [[a/Note]] [[./a/Note]]\n',
    });
    const edits = rename(index, 'a/Note.md', 'b/c/Note.md');
    assert.equal(applied(index, edits, 'Top.md'), '[[Note]] [[b/c/Note]] [[./b/c/Note]]\n');
    assert.equal(
      applied(index, edits, 'a/Note.md'),
      'Up: [[../../Top]]. Here: [[../../a/Friend]].\n',
    );
  });

  it('renames a folder: every note below it moves', () => {
    const index = memoryVault({
      'mitigations/Audit.md': '## M1047\n',
      'mitigations/Code Signing.md': '## M1045\n',
      'T.md': '[[mitigations/Audit]] [[mitigations/Code Signing|M1045]] [[Audit]]\n',
    });
    const edits = linkEditsForRenames(
      [{ oldUri: noteUri('mitigations'), newUri: noteUri('defences') }],
      index,
    );
    assert.equal(
      applied(index, edits, 'T.md'),
      '[[defences/Audit]] [[defences/Code Signing|M1045]] [[Audit]]\n',
    );
  });

  it('leaves links alone when a note stops being Markdown or leaves the vault', () => {
    const index = memoryVault({ 'Audit.md': '## M1047\n', 'T.md': '[[Audit]]\n' });
    assert.deepEqual(rename(index, 'Audit.md', 'Audit.txt'), {});
    assert.deepEqual(
      linkEditsForRenames(
        [{ oldUri: noteUri('Audit.md'), newUri: noteUri('Audit.md', '/elsewhere') }],
        index,
      ),
      {},
    );
  });

  it('leaves [[#Heading]] links alone: they lead to their own note wherever it goes', () => {
    const index = memoryVault({ 'a/Note.md': '# H\n[[#H]] [[Note#H]]\n', 'T.md': '[[Note]]\n' });
    const edits = rename(index, 'a/Note.md', 'b/New.md');
    assert.equal(applied(index, edits, 'a/Note.md'), '# H\n[[#H]] [[New#H]]\n');
    assert.equal(applied(index, edits, 'T.md'), '[[New]]\n');
  });

  it('updates the seed’s vault-path links when a mitigation note is renamed', () => {
    const index = seedVault();
    const edits = rename(
      index,
      `${ATTACK_ROOT}/mitigations/Limit Software Installation.md`,
      `${ATTACK_ROOT}/mitigations/Limit Installation.md`,
    );
    const [edit, ...others] = edits[SEED_URI];
    assert.equal(others.length, 0);
    assert.equal(edit.newText, `${ATTACK_ROOT}/mitigations/Limit Installation`);
    assert.equal(edit.range.start.line, 25);
  });

  itWithShared(
    'enterprise: renaming mitigations/Audit.md updates every [[Audit\\|M1047]] and nothing else',
    'enterprise',
    async function () {
      this.timeout(60000);
      const index = await sharedVault('enterprise');
      const audit = noteById(index, 'M1047');
      assert.equal(audit.vaultPath, 'mitigations/Audit.md');
      const edits = linkEditsForRenames(
        [{ oldUri: audit.uri, newUri: audit.uri.replace(/Audit\.md$/, 'Security%20Audit.md') }],
        index,
      );
      let expected = 0;
      for (const note of index.notes())
        expected += note.note.text.split('[[Audit\\|M1047]]').length - 1;
      const all = Object.values(edits).flat();
      assert.equal(all.length, expected);
      assert.equal(expected, 109);
      for (const [uri, noteEdits] of Object.entries(edits)) {
        const text = index.get(uri)!.note.text.split('\n');
        for (const edit of noteEdits) {
          assert.equal(edit.newText, 'Security Audit');
          const line = text[edit.range.start.line];
          assert.equal(
            line.slice(edit.range.start.character - 2, edit.range.end.character + 9),
            '[[Audit\\|M1047]]',
          );
        }
      }
    },
  );

  itWithShared(
    'kb dialect: renaming a mitigation rewrites its vault-path links as vault paths',
    'kb-dialect',
    async function () {
      this.timeout(60000);
      const index = await sharedVault('kb-dialect');
      const audit = noteById(index, 'M1047');
      const newUri = audit.uri.replace(/M1047-Audit\.md$/, 'M1047-Auditing.md');
      const edits = Object.values(
        linkEditsForRenames([{ oldUri: audit.uri, newUri }], index),
      ).flat();
      assert.equal(edits.length, index.backlinks(audit.uri).length);
      assert.ok(
        edits.every((edit) => edit.newText === 'kb/mitre/attack/mitigations/M1047-Auditing'),
      );
    },
  );
});

/** Two workspace folders, `/one` and `/two`: each a vault of its own. */
describe('navigation: renames across workspace folders', () => {
  const one = (vaultPath: string) => noteUri(vaultPath, '/one');
  const two = (vaultPath: string) => noteUri(vaultPath, '/two');
  const vaults = () =>
    memoryVault(
      {
        '/one/techniques/Python.md': '## T1059.006\n[[Execution]] [[./Notes]] [[#T1059.006]]\n',
        '/one/techniques/Notes.md': 'Back to [[Python]].\n',
        '/one/tactics/Execution.md': '## TA0002\n',
        '/one/Hunt.md': '[[Python]] and [[techniques/Python|the note]].\n',
        '/two/old/Python.md': '# An older Python note\n',
        '/two/Hunt.md': '[[Python]] and [[techniques/Python]] and [[Execution]].\n',
        '/two/tactics/Execution.md': '## TA0002\n',
      },
      ['/one', '/two'],
    );

  it('a note moved into another folder: that folder’s links are rewritten, the first folder’s reported', () => {
    const index = vaults();
    const plan = planRenames(
      [{ oldUri: one('techniques/Python.md'), newUri: two('techniques/Python.md') }],
      index,
    );
    // In /two, [[Python]] would now be ambiguous: it keeps its note with the shortest path;
    // [[techniques/Python]], broken until now, will resolve to the arrival unchanged.
    assert.deepEqual(Object.keys(plan.edits), [two('Hunt.md')]);
    assert.equal(
      applied(index, plan.edits, 'Hunt.md', '/two'),
      '[[old/Python]] and [[techniques/Python]] and [[Execution]].\n',
    );
    // In /one, no wikilink can reach /two: its links to Python, and Python's links to /one's notes,
    // are left as written and reported ([[#T1059.006]] goes along).
    const behind = plan.leftBehind
      .map(({ sourceUri, range, targetUri }) => {
        const line = index.get(sourceUri)!.text.split('\n')[range.start.line];
        const written = line.slice(range.start.character, range.end.character);
        return `${index.get(sourceUri)!.vaultPath}: ${written} → ${index.get(targetUri)!.vaultPath}`;
      })
      .sort();
    assert.deepEqual(behind, [
      'Hunt.md: Python → techniques/Python.md',
      'Hunt.md: techniques/Python → techniques/Python.md',
      'techniques/Notes.md: Python → techniques/Python.md',
      'techniques/Python.md: ./Notes → techniques/Notes.md',
      'techniques/Python.md: Execution → tactics/Execution.md',
    ]);
    assert.equal(
      leftBehindMessage(plan, index),
      '5 links in 3 notes cannot follow the move: the link and the note it leads to end up in ' +
        'different workspace folders, and each folder is a vault of its own (wikilinks do not ' +
        'cross vaults). After the move they are broken, or lead to a note of the same name in ' +
        'their own folder.',
    );
  });

  it('a folder moved into another folder: links among its notes follow as within one folder', () => {
    const index = vaults();
    const plan = planRenames([{ oldUri: one('techniques'), newUri: two('moved') }], index);
    assert.equal(
      applied(index, plan.edits, 'techniques/Python.md', '/one'),
      '## T1059.006\n[[Execution]] [[./Notes]] [[#T1059.006]]\n',
    );
    // Notes.md's [[Python]] would be ambiguous in /two (old/Python.md): the shortest path.
    assert.equal(
      applied(index, plan.edits, 'techniques/Notes.md', '/one'),
      'Back to [[moved/Python]].\n',
    );
    assert.equal(
      applied(index, plan.edits, 'Hunt.md', '/two'),
      '[[old/Python]] and [[techniques/Python]] and [[Execution]].\n',
    );
    // Python's [[Execution]] will resolve to /two's own Execution note, but is no longer the
    // same note: reported with /one's Hunt links.
    assert.deepEqual(plan.leftBehind.map((link) => index.get(link.sourceUri)!.uri).sort(), [
      one('Hunt.md'),
      one('Hunt.md'),
      one('techniques/Python.md'),
    ]);
    assert.match(
      leftBehindMessage(plan, index) ?? '',
      /^3 links in 2 notes cannot follow the move/,
    );
  });

  it('a rename within one folder of several touches only that folder, and reports nothing', () => {
    const index = vaults();
    const plan = planRenames(
      [{ oldUri: one('techniques/Python.md'), newUri: one('techniques/Python 3.md') }],
      index,
    );
    assert.deepEqual(Object.keys(plan.edits).sort(), [one('Hunt.md'), one('techniques/Notes.md')]);
    assert.equal(
      applied(index, plan.edits, 'Hunt.md', '/one'),
      '[[Python 3]] and [[techniques/Python 3|the note]].\n',
    );
    assert.deepEqual(plan.leftBehind, []);
    assert.equal(leftBehindMessage(plan, index), undefined);
  });
});
