import { strict as assert } from 'node:assert';
import { URI } from 'vscode-uri';
import { ModelCache } from '../../../server/src/core/index/modelCache';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';
import type { Note } from '../../../server/src/core/model/types';
import { noteUri } from '../support/memoryVault';

const FILES: Record<string, string> = {
  'tactics/Execution.md': '---\nalias: TA0002\n---\n## TA0002\n\n### Techniques\n- [[Python]]\n',
  'techniques/Python.md':
    '---\nalias: T1059.006\n---\n## T1059.006\n\n### Tactic\n- [[Execution]] (TA0002)\n\n### Mitigations\n| ID | Name |\n| --- | --- |\n| [[Audit\\|M1047]] | Audit |\n',
  'mitigations/Audit.md': '---\nalias: M1047\naliases: Audit\n---\n## M1047\n\n## Notes\n',
  'notes/Unrelated.md': 'Nothing to see: [[Elsewhere#Heading]]\n',
  // Names Audit, but another one: a backlink candidate by name that must be ruled out unparsed.
  'notes/Draft.md': 'See [[drafts/Audit]] and [[#Top]].\n',
};

/** An index of FILES read "from disk" (by text), counting the models it builds. */
function diskIndex(modelCacheSize?: number): { index: WorkspaceIndex; parsed: string[] } {
  const parsed: string[] = [];
  const index = new WorkspaceIndex([URI.file('/vault').toString()], {
    parse: (text, uri) => {
      parsed.push(uri.slice(uri.lastIndexOf('/') + 1));
      return parseNote(text, uri);
    },
    modelCacheSize,
  });
  for (const [vaultPath, text] of Object.entries(FILES)) index.setText(noteUri(vaultPath), text);
  return { index, parsed };
}

describe('workspace index: notes read from disk get their models on demand', () => {
  it('indexes identities, aliases, links and backlinks without parsing every note', () => {
    const { index, parsed } = diskIndex();
    assert.deepEqual(parsed, []);
    assert.equal(index.get(noteUri('techniques/Python.md'))?.identity?.id, 'T1059.006');
    assert.deepEqual(index.get(noteUri('mitigations/Audit.md'))?.aliases, ['Audit', 'M1047']);
    assert.deepEqual(
      index.definitionsOf('m1047').map((note) => note.vaultPath),
      ['mitigations/Audit.md'],
    );
    const resolution = index.resolveLink(noteUri('tactics/Execution.md'), {
      target: { text: 'Python', range: zeroRange() },
    });
    assert.equal(resolution.kind, 'resolved');
    assert.deepEqual(parsed, [], 'resolving a link without #heading needs no model');

    // Backlinks read the models of the notes that link to Audit, and only those.
    const backlinks = index.backlinks(noteUri('mitigations/Audit.md'));
    assert.deepEqual(
      backlinks.map(({ source, link }) => [source.vaultPath, link.alias?.text]),
      [['techniques/Python.md', 'M1047']],
    );
    assert.deepEqual(parsed, ['Python.md']);
  });

  it('builds the same model as parsing the note, once, until the note changes', () => {
    const { index, parsed } = diskIndex();
    const uri = noteUri('techniques/Python.md');
    const model = index.get(uri)!.note;
    assert.deepEqual(model, parseNote(FILES['techniques/Python.md'], uri));
    assert.equal(index.get(uri)!.note, model);
    index.setText(uri, FILES['techniques/Python.md'].replace('M1047', 'M1038'));
    assert.notEqual(index.get(uri)!.note, model);
    assert.deepEqual(parsed, ['Python.md', 'Python.md']);
  });

  it('keeps at most the configured number of models, dropping the least recently used', () => {
    const { index, parsed } = diskIndex(2);
    const read = (vaultPath: string): Note => index.get(noteUri(vaultPath))!.note;
    read('tactics/Execution.md');
    read('techniques/Python.md');
    read('tactics/Execution.md'); // used again: now the most recent
    read('mitigations/Audit.md'); // evicts Python
    read('tactics/Execution.md');
    read('techniques/Python.md'); // parsed again
    assert.deepEqual(parsed, ['Execution.md', 'Python.md', 'Audit.md', 'Python.md']);
  });

  it('keeps the model of a note set with one (an open note), whatever the cache holds', () => {
    const { index, parsed } = diskIndex(1);
    const uri = noteUri('techniques/Python.md');
    const open = parseNote(FILES['techniques/Python.md'], uri, { version: 3 });
    index.setNote(open);
    // Two models from disk in a cache of one: the second evicts the first.
    assert.equal(index.get(noteUri('tactics/Execution.md'))!.note.identity?.id, 'TA0002');
    assert.equal(index.get(noteUri('mitigations/Audit.md'))!.note.identity?.id, 'M1047');
    assert.equal(index.get(uri)!.note, open);
    assert.deepEqual(parsed, ['Execution.md', 'Audit.md']);
  });

  it('reports linkers and identity changes as for notes set with their models', () => {
    const { index } = diskIndex();
    const change = index.setText(noteUri('mitigations/Audit.md'), '## M1048\n');
    // Every note with a link named Audit: its links may resolve differently now.
    assert.deepEqual(change.linkers, [noteUri('techniques/Python.md'), noteUri('notes/Draft.md')]);
    assert.equal(change.identityChanged, true);
    const removed = index.removeNote(noteUri('notes/Unrelated.md'));
    assert.deepEqual(removed.linkers, []);
    assert.equal(removed.identityChanged, false);
  });

  it('names no linkers when a note is opened as it is on disk, and all of them after an edit', () => {
    const { index } = diskIndex();
    const uri = noteUri('mitigations/Audit.md');
    const text = FILES['mitigations/Audit.md'];
    assert.deepEqual(index.setNote(parseNote(text, uri)).linkers, []);
    assert.deepEqual(index.setNote(parseNote(`${text}\n## More\n`, uri)).linkers, [
      noteUri('techniques/Python.md'),
      noteUri('notes/Draft.md'),
    ]);
  });

  it('keeps the linkers table right once made, through later additions and removals', () => {
    const { index } = diskIndex();
    const audit = noteUri('mitigations/Audit.md');
    // Made here, on the first question; later changes must keep it up to date.
    assert.deepEqual(index.setText(audit, '## M1047\n').linkers, [
      noteUri('techniques/Python.md'),
      noteUri('notes/Draft.md'),
    ]);
    index.setText(noteUri('notes/Later.md'), 'See [[Audit]].\n');
    index.removeNote(noteUri('notes/Draft.md'));
    assert.deepEqual(index.setText(audit, '## M1047\n').linkers, [
      noteUri('techniques/Python.md'),
      noteUri('notes/Later.md'),
    ]);
    assert.deepEqual(
      index.backlinks(audit).map((backlink) => backlink.source.uri),
      [noteUri('techniques/Python.md'), noteUri('notes/Later.md')],
    );
  });

  it('builds the linkers table in slices, right through notes set, replaced and removed meanwhile', () => {
    const { index } = diskIndex();
    const audit = noteUri('mitigations/Audit.md');
    // A budget of nothing still files the first notes (the clock is read every 64 notes), and a
    // vault this small completes in one call: changes go in before it starts, between two calls
    // of a larger vault (below) and after it ends.
    index.setText(noteUri('notes/Later.md'), 'See [[Audit]].\n');
    assert.equal(index.prepareLinkers(0), true);
    index.removeNote(noteUri('notes/Draft.md'));
    assert.deepEqual(index.setText(audit, '## M1047\n').linkers, [
      noteUri('techniques/Python.md'),
      noteUri('notes/Later.md'),
    ]);

    const large = diskIndex().index;
    for (let n = 0; n < 200; n++) {
      large.setText(noteUri(`notes/n${n}.md`), n % 2 ? 'See [[Audit]].\n' : 'No link.\n');
    }
    assert.equal(large.prepareLinkers(0), false, 'stops after the first 64 notes');
    // Set, replaced and removed while half built: n1 (filed already or not) stops linking, n3
    // goes, n400 arrives; Python (filed first) loses its link.
    large.setText(noteUri('notes/n1.md'), 'No link now.\n');
    large.removeNote(noteUri('notes/n3.md'));
    large.setText(noteUri('notes/n400.md'), 'See [[Audit]].\n');
    large.setText(noteUri('techniques/Python.md'), '## T1059.006\n');
    while (!large.prepareLinkers(0));
    const expected = [
      noteUri('notes/Draft.md'),
      ...Array.from({ length: 100 }, (_, i) => 2 * i + 1)
        .filter((n) => n !== 1 && n !== 3)
        .map((n) => noteUri(`notes/n${n}.md`)),
      noteUri('notes/n400.md'),
    ].sort();
    assert.deepEqual([...large.setText(audit, '## M1047\n').linkers].sort(), expected);
  });

  it('builds a model for one use without keeping it, and hands out a kept one', () => {
    const { index, parsed } = diskIndex();
    const python = index.get(noteUri('techniques/Python.md'))!;
    const once = python.modelForOneUse();
    assert.equal(once.identity?.id, 'T1059.006');
    assert.notEqual(python.modelForOneUse(), once, 'not kept: built again');
    const kept = python.note;
    assert.equal(python.modelForOneUse(), kept);
    assert.deepEqual(parsed, ['Python.md', 'Python.md', 'Python.md']);
  });
});

describe('model cache', () => {
  it('builds on a miss, answers hits from memory, and forgets deleted owners', () => {
    const built: string[] = [];
    const cache = new ModelCache((owner: string) => {
      built.push(owner);
      return owner.toUpperCase();
    }, 2);
    assert.equal(cache.get('a'), 'A');
    assert.equal(cache.get('a'), 'A');
    cache.get('b');
    cache.get('c'); // evicts a
    assert.equal(cache.size, 2);
    cache.delete('b');
    cache.get('a');
    cache.get('b');
    assert.deepEqual(built, ['a', 'b', 'c', 'a', 'b']);
  });
});

function zeroRange() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
