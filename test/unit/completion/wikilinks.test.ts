import { strict as assert } from 'node:assert';
import { CompletionItemTag } from 'vscode-languageserver-types';
import { resolveCompletionItem } from '../../../server/src/core/features/completion/completion';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { itWithShared } from '../../support/sharedData';
import { memoryVault, noteUri } from '../support/memoryVault';
import {
  accept,
  completeAt,
  CURSOR,
  editOf,
  enterpriseRoot,
  fileUri,
  kbDialectRoot,
  knowledgeBase,
  realVault,
  sorted,
} from './support';

const vault = () =>
  memoryVault({
    'tactics/Execution.md': '---\nalias: TA0002\n---\n\n## TA0002\n\nThe adversary runs code.\n',
    'techniques/Python.md':
      '---\nalias: T1059.006\n---\n\n## T1059.006\n\nPython text.\n\n### Tactic\n\n### Mitigations\n',
    'groups/APT28.md': '---\nalias: APT28, Fancy Bear, Sofacy\n---\n\n## G0007\n\nA group.\n',
    'mitigations/Audit.md': '---\nalias: M1047\n---\n\n## M1047\n',
    'other/Audit.md': '# Audit checklist\n',
    'notes/Hunting ideas.md': '# Hunting ideas\n\n## Python\n\n## Brute force\n',
  });

const HERE = noteUri('notes/Scratch.md');

describe('completion: wikilinks', () => {
  it('offers notes after [[ with name label and folder, kind and ID as detail', () => {
    const { list } = completeAt(vault(), HERE, `See [[Pyt${CURSOR}`);
    const [python] = sorted(list);
    assert.equal(python.label, 'Python');
    assert.equal(python.detail, 'techniques · sub-technique T1059.006');
    assert.equal(editOf(python).newText, 'Python]]', 'closes the link when nothing closes it');
    assert.deepEqual(editOf(python).range, {
      start: { line: 0, character: 6 },
      end: { line: 0, character: 9 },
    });
  });

  it('covers what is typed up to an existing ]] and does not add another', () => {
    const { list, text } = completeAt(vault(), HERE, `See [[Py${CURSOR}thon old]] now`);
    const python = list.items.find((item) => item.label === 'Python')!;
    assert.equal(editOf(python).newText, 'Python');
    assert.equal(accept(text, python), 'See [[Python]] now');
  });

  it('matches by ID and by front matter alias, filtering on the matched text', () => {
    const byId = completeAt(vault(), HERE, `[[T1059${CURSOR}`).list;
    assert.equal(sorted(byId)[0].label, 'Python');
    assert.equal(sorted(byId)[0].filterText, 'T1059.006');
    const byAlias = completeAt(vault(), HERE, `[[Fancy${CURSOR}]]`).list;
    assert.equal(sorted(byAlias)[0].label, 'APT28');
    assert.equal(sorted(byAlias)[0].filterText, 'Fancy Bear');
  });

  it('matches by path and writes the shortest unambiguous target', () => {
    const { list } = completeAt(vault(), HERE, `[[Aud${CURSOR}`);
    const targets = list.items.map((item) => editOf(item).newText).sort();
    assert.deepEqual(targets, ['mitigations/Audit]]', 'other/Audit]]']);
    const byPath = completeAt(vault(), HERE, `[[other/au${CURSOR}`).list;
    assert.deepEqual(
      byPath.items.map((item) => editOf(item).newText),
      ['other/Audit]]'],
    );
  });

  it('writes vault paths in a note whose links are vault paths', () => {
    const index = vault();
    const text = `[[tactics/Execution]] and [[techniques/Python]]\n[[Hunt${CURSOR}`;
    const { list } = completeAt(index, HERE, text);
    assert.equal(editOf(list.items[0]).newText, 'notes/Hunting ideas]]');
  });

  it("offers the target's headings after #, and the note's own after [[#", () => {
    const { list } = completeAt(vault(), HERE, `[[Hunting ideas#${CURSOR}]]`);
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['Hunting ideas', 'Python', 'Brute force'],
    );
    assert.equal(editOf(list.items[1]).newText, 'Python');
    const own = completeAt(vault(), HERE, `# Top\n\n## Below\n\n[[#B${CURSOR}`).list;
    assert.deepEqual(
      own.items.map((item) => editOf(item).newText),
      ['Top]]', 'Below]]'],
    );
  });

  it("offers the target's ID and name as alias after |, and after \\| in a table", () => {
    const { list } = completeAt(vault(), HERE, `[[Python|${CURSOR}`);
    assert.deepEqual(
      list.items.map((item) => editOf(item).newText),
      ['T1059.006]]', 'Python]]'],
    );
    const table = '| ID | Name |\n| --- | --- |\n';
    const inTable = completeAt(vault(), HERE, `${table}| [[mitigations/Audit\\|M${CURSOR}]] | x |`);
    assert.deepEqual(
      inTable.list.items.map((item) => editOf(item).newText),
      ['M1047', 'Audit'],
    );
    assert.equal(
      accept(inTable.text, inTable.list.items[0]).split('\n')[2],
      '| [[mitigations/Audit\\|M1047]] | x |',
    );
  });

  it('resolves a note item with its ATT&CK facts and the opening of its text', () => {
    const index = vault();
    const { list } = completeAt(index, HERE, `[[Exec${CURSOR}`);
    const resolved = resolveCompletionItem(list.items[0], index, knowledgeBase());
    const doc = resolved.documentation as { value: string };
    assert.match(doc.value, /\*\*Execution\*\* · tactic `TA0002`/);
    assert.match(doc.value, /The adversary runs code\./);
  });

  it('marks a note of a revoked technique as deprecated', () => {
    const index = memoryVault({ 'techniques/Old.md': '---\nalias: T1086\n---\n' });
    const { list } = completeAt(index, HERE, `[[Old${CURSOR}`);
    const kb = knowledgeBase();
    assert.ok(kb.get('T1086')?.revoked, 'T1086 (PowerShell) is revoked in ATT&CK');
    assert.deepEqual(list.items[0].tags, [CompletionItemTag.Deprecated]);
  });

  describe('the shared vaults', function () {
    this.timeout(60000);

    itWithShared(
      'enterprise: [[ with nothing typed caps the list and marks it incomplete',
      'enterprise',
      async () => {
        const index = await realVault(enterpriseRoot);
        const uri = fileUri(enterpriseRoot, 'techniques/Python.md');
        const original = index.get(uri)!.note.text;
        try {
          const { list } = completeAt(index, uri, `${original}\n[[${CURSOR}`);
          assert.equal(list.isIncomplete, true);
          assert.equal(list.items.length, 50);
          const powershell = completeAt(index, uri, `${original}\n[[PowerSh${CURSOR}`).list;
          assert.equal(sorted(powershell)[0].label, 'PowerShell');
          assert.equal(editOf(sorted(powershell)[0]).newText, 'PowerShell]]');
        } finally {
          index.setNote(parseNote(original, uri));
        }
      },
    );

    itWithShared(
      'kb dialect: notes are offered by ID and written as vault paths',
      'kb-dialect',
      async () => {
        const index = await realVault(kbDialectRoot);
        const uri = fileUri(kbDialectRoot, 'kb/mitre/attack/techniques/T1059.006-Python.md');
        const original = index.get(uri)!.note.text;
        try {
          const { list } = completeAt(index, uri, `${original}\n[[M1047${CURSOR}`);
          const [audit] = sorted(list);
          assert.equal(audit.label, 'M1047-Audit');
          assert.equal(editOf(audit).newText, 'kb/mitre/attack/mitigations/M1047-Audit]]');
        } finally {
          index.setNote(parseNote(original, uri));
        }
      },
    );
  });
});
