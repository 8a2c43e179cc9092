import { strict as assert } from 'node:assert';
import type { LinkResolution } from '../../../server/src/core/index/types';
import type { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { memoryVault, noteUri } from '../support/memoryVault';

/** Resolves the first link of the note at `from` and names the outcome by vault paths. */
function resolveFirst(index: WorkspaceIndex, from: string, root = '/vault'): string | string[] {
  const source = index.get(noteUri(from, root));
  assert.ok(source, `no note at ${from}`);
  const link = source.note.wikilinks[0];
  assert.ok(link, `no link in ${from}`);
  return outcome(index.resolveLink(source.uri, link));
}

function outcome(resolution: LinkResolution): string | string[] {
  if (resolution.kind === 'broken') return 'broken';
  if (resolution.kind === 'ambiguous') return resolution.candidates.map((note) => note.vaultPath);
  return resolution.target.vaultPath + (resolution.headingFound ? '' : ' (no such heading)');
}

describe('workspace index: link resolution', () => {
  const files = {
    'tactics/Execution.md': '## TA0002\n\n### References\n',
    'techniques/Python.md': '## T1059.006\n\n### Mitigations\n',
    'techniques/Audit.md': '# A technique note that shares a name\n',
    'mitigations/Audit.md': '## M1047\n',
    'mitigations/Antivirus／Antimalware.md': '## M1049\n',
    'a/b/Deep.md': 'deep\n',
    'a/Sibling.md': 'sibling\n',
    'notes/by-name.md': '[[Execution]]\n',
    'notes/case.md': '[[execution]]\n',
    'notes/with-ext.md': '[[tactics/Execution.md]]\n',
    'notes/full-path.md': '[[tactics/Execution]]\n',
    'notes/suffix.md': '[[b/Deep]]\n',
    'notes/ambiguous.md': '[[Audit]]\n',
    'notes/disambiguated.md': '[[mitigations/Audit]]\n',
    'notes/broken.md': '[[Exfiltration]]\n',
    'notes/heading.md': '[[Python#Mitigations]]\n',
    'notes/heading-case.md': '[[Python#mitigations]]\n',
    'notes/heading-missing.md': '[[Python#Detection]]\n',
    'notes/fullwidth.md': '[[Antivirus／Antimalware]]\n',
    'a/b/relative.md': '[[../Sibling]]\n',
    'a/b/dot.md': '[[./Deep]]\n',
    'a/b/escape.md': '[[../../../outside]]\n',
    'notes/self.md': '# Top\n\n[[#Top]]\n',
    'notes/alias.md': '---\naliases: [Python Scripts]\n---\n[[Python Scripts]]\n',
  };
  const index = memoryVault(files);

  it('finds a note by its file name anywhere in the vault', () => {
    assert.equal(resolveFirst(index, 'notes/by-name.md'), 'tactics/Execution.md');
  });
  it('ignores case', () => {
    assert.equal(resolveFirst(index, 'notes/case.md'), 'tactics/Execution.md');
  });
  it('takes a vault-root path with or without .md', () => {
    assert.equal(resolveFirst(index, 'notes/full-path.md'), 'tactics/Execution.md');
    assert.equal(resolveFirst(index, 'notes/with-ext.md'), 'tactics/Execution.md');
  });
  it('takes a unique path suffix', () => {
    assert.equal(resolveFirst(index, 'notes/suffix.md'), 'a/b/Deep.md');
  });
  it('reports a name that several notes share as ambiguous, with the candidates', () => {
    assert.deepEqual(resolveFirst(index, 'notes/ambiguous.md'), [
      'mitigations/Audit.md',
      'techniques/Audit.md',
    ]);
    assert.equal(resolveFirst(index, 'notes/disambiguated.md'), 'mitigations/Audit.md');
  });
  it('reports a link that no note matches as broken', () => {
    assert.equal(resolveFirst(index, 'notes/broken.md'), 'broken');
  });
  it('resolves #heading by heading text, case-insensitively, and notices a missing heading', () => {
    assert.equal(resolveFirst(index, 'notes/heading.md'), 'techniques/Python.md');
    assert.equal(resolveFirst(index, 'notes/heading-case.md'), 'techniques/Python.md');
    assert.equal(
      resolveFirst(index, 'notes/heading-missing.md'),
      'techniques/Python.md (no such heading)',
    );
  });
  it('resolves ./ and ../ from the linking note, and never above the vault root', () => {
    assert.equal(resolveFirst(index, 'a/b/relative.md'), 'a/Sibling.md');
    assert.equal(resolveFirst(index, 'a/b/dot.md'), 'a/b/Deep.md');
    assert.equal(resolveFirst(index, 'a/b/escape.md'), 'broken');
  });
  it('keeps full-width characters in names', () => {
    assert.equal(
      resolveFirst(index, 'notes/fullwidth.md'),
      'mitigations/Antivirus／Antimalware.md',
    );
  });
  it('resolves [[#Heading]] to the note itself', () => {
    assert.equal(resolveFirst(index, 'notes/self.md'), 'notes/self.md');
  });
  it('does not resolve a bare [[Alias]], as Obsidian does not', () => {
    assert.equal(resolveFirst(index, 'notes/alias.md'), 'broken');
  });

  it('keeps each workspace folder a vault of its own', () => {
    const multi = memoryVault(
      {
        '/one/Execution.md': '## TA0002\n',
        '/one/link.md': '[[Execution]]\n',
        '/two/link.md': '[[Execution]]\n',
      },
      ['/one', '/two'],
    );
    assert.equal(resolveFirst(multi, 'link.md', '/one'), 'Execution.md');
    assert.equal(resolveFirst(multi, 'link.md', '/two'), 'broken');
  });
});

describe('workspace index: backlinks, IDs and updates', () => {
  it('lists backlinks and the notes that define an ID', () => {
    const index = memoryVault({
      'mitigations/Audit.md': '---\nalias: M1047\n---\n## M1047\n',
      'techniques/Python.md':
        '## T1059.006\n\n| ID | Name |\n| --- | --- |\n| [[Audit\\|M1047]] | Audit |\n',
      'techniques/Other.md': 'See [[mitigations/Audit]] and [[Nothing]].\n',
    });
    const audit = noteUri('mitigations/Audit.md');
    const sources = index
      .backlinks(audit)
      .map((backlink) => backlink.source.vaultPath)
      .sort();
    assert.deepEqual(sources, ['techniques/Other.md', 'techniques/Python.md']);
    assert.deepEqual(
      index.definitionsOf('m1047').map((note) => note.vaultPath),
      ['mitigations/Audit.md'],
    );
  });

  it('says which notes to refresh when a note appears, changes or goes', () => {
    const index = memoryVault({
      'notes/linker.md': '[[Target]]\n',
      'notes/unrelated.md': '[[Else]]\n',
    });
    const created = index.setNote(
      memoryVault({ 'Target.md': '## M9001\n' }).get(noteUri('Target.md'))!.note,
    );
    assert.deepEqual(created.linkers, [noteUri('notes/linker.md')]);
    assert.equal(created.identityChanged, true);
    assert.equal(resolveFirst(index, 'notes/linker.md'), 'Target.md');

    const removed = index.removeNote(noteUri('Target.md'));
    assert.deepEqual(removed.linkers, [noteUri('notes/linker.md')]);
    assert.equal(resolveFirst(index, 'notes/linker.md'), 'broken');
    assert.deepEqual(index.definitionsOf('M9001'), []);
  });
});
