import { strict as assert } from 'node:assert';
import { SymbolKind } from 'vscode-languageserver-types';
import {
  resolveWorkspaceSymbol,
  workspaceSymbols,
} from '../../../server/src/core/features/navigation/workspaceSymbols';
import type { IndexedNote, VaultIndex } from '../../../server/src/core/index/types';
import { memoryVault, noteUri } from '../support/memoryVault';
import { sharedVault } from './fixtures';
import { itWithShared } from '../../support/sharedData';

describe('navigation: workspace symbols', () => {
  const index = memoryVault({
    'techniques/Command and Scripting Interpreter.md': '---\nalias: T1059\n---\n\n## T1059\n',
    'techniques/Python.md': '---\nalias: T1059.006\n---\n\n## T1059.006\n',
    'techniques/PowerShell.md': '---\nalias: T1059.001\n---\n\n## T1059.001\n',
    'techniques/Scheduled Task.md': '---\nalias: T1053.005\n---\n\n## T1053.005\n',
    'tactics/Execution.md': '---\nalias: TA0002\n---\n\n## TA0002\n',
    'mitigations/Code Signing (M1045).md': '---\nalias: M1045\n---\n\n## M1045\n',
    'Hunting ideas.md': '# Hunting ideas\n',
  });

  it('finds a technique and all its sub-techniques by ID, with kinds and folders', () => {
    const found = workspaceSymbols('t1059', index);
    assert.deepEqual(
      found.map((symbol) => [symbol.name, symbol.kind, symbol.containerName]),
      [
        ['T1059 Command and Scripting Interpreter', SymbolKind.Class, 'techniques'],
        ['T1059.001 PowerShell', SymbolKind.Method, 'techniques'],
        ['T1059.006 Python', SymbolKind.Method, 'techniques'],
      ],
    );
    assert.deepEqual(found[2].location, {
      uri: noteUri('techniques/Python.md'),
      range: { start: { line: 4, character: 3 }, end: { line: 4, character: 12 } },
    });
  });

  it('finds notes by name: whole name, word prefixes, then letters in order', () => {
    assert.deepEqual(
      workspaceSymbols('exec', index).map((symbol) => [symbol.name, symbol.kind]),
      [['TA0002 Execution', SymbolKind.Package]],
    );
    // A word prefix ranks before letters that merely occur in order (c-o-m-m-a-n-d ... s-i-g-n).
    assert.deepEqual(
      workspaceSymbols('sign', index).map((symbol) => symbol.name),
      ['M1045 Code Signing', 'T1059 Command and Scripting Interpreter'],
    );
    assert.deepEqual(
      workspaceSymbols('schtsk', index).map((symbol) => symbol.name),
      ['T1053.005 Scheduled Task'],
    );
    const hunting = workspaceSymbols('hunting', index);
    assert.deepEqual(
      hunting.map((symbol) => [symbol.name, symbol.kind, symbol.containerName]),
      [['Hunting ideas', SymbolKind.File, undefined]],
    );
    assert.equal(workspaceSymbols('', index).length, 7);
    // The label as the list shows it, typed out.
    assert.deepEqual(
      workspaceSymbols('T1059.006 pyt', index).map((symbol) => symbol.name),
      ['T1059.006 Python'],
    );
  });

  itWithShared(
    'kb dialect: names come from the file name without the ID, kinds from the ID',
    'kb-dialect',
    async function () {
      this.timeout(60000);
      const kbVault = await sharedVault('kb-dialect');
      const found = workspaceSymbols('T1059.006', kbVault);
      assert.deepEqual(
        found.map((symbol) => [symbol.name, symbol.containerName]),
        [['T1059.006 Python', 'kb/mitre/attack/techniques']],
      );
      const tactic = workspaceSymbols('TA0002', kbVault)[0];
      assert.equal(tactic.kind, SymbolKind.Package);
    },
  );

  it('builds the full model only of the notes it returns (an empty query over a large vault)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 700; i++) files[`notes/Note ${i}.md`] = `# Note ${i}\n`;
    const large = memoryVault(files);
    let modelsRead = 0;
    const counted = (note: IndexedNote): IndexedNote =>
      Object.create(note, {
        note: {
          get: () => {
            modelsRead++;
            return note.note;
          },
        },
      }) as IndexedNote;
    const counting: VaultIndex = {
      get structureVersion() {
        return large.structureVersion;
      },
      *notes() {
        for (const note of large.notes()) yield counted(note);
      },
      get: (uri) => {
        const note = large.get(uri);
        return note && counted(note);
      },
      resolveLink: (fromUri, link) => large.resolveLink(fromUri, link),
      backlinks: (uri) => large.backlinks(uri),
      definitionsOf: (id) => large.definitionsOf(id),
      folderOf: (uri) => large.folderOf(uri),
    };
    const found = workspaceSymbols('', counting);
    assert.equal(found.length, 500);
    assert.equal(modelsRead, 500);

    // A client that resolves symbols gets URIs only: the same list, and not one model built.
    modelsRead = 0;
    const deferred = workspaceSymbols('', counting, undefined, { rangesOnResolve: true });
    assert.deepEqual(
      deferred.map((symbol) => [symbol.name, symbol.kind, symbol.location]),
      found.map((symbol) => [symbol.name, symbol.kind, { uri: symbol.location.uri }]),
    );
    assert.equal(modelsRead, 0);
    // Resolving one builds its model alone, and gives the range the eager answer had.
    const resolved = resolveWorkspaceSymbol(deferred[7], counting);
    assert.equal(modelsRead, 1);
    assert.deepEqual(resolved, found[7]);
  });

  it('resolves the range of a symbol answered without one, and leaves a vanished note alone', () => {
    const [python] = workspaceSymbols('T1059.006', index, undefined, { rangesOnResolve: true });
    assert.deepEqual(python.location, { uri: noteUri('techniques/Python.md') });
    assert.deepEqual(resolveWorkspaceSymbol(python, index), {
      name: 'T1059.006 Python',
      kind: SymbolKind.Method,
      containerName: 'techniques',
      location: {
        uri: noteUri('techniques/Python.md'),
        range: { start: { line: 4, character: 3 }, end: { line: 4, character: 12 } },
      },
    });
    const gone = { ...python, location: { uri: noteUri('techniques/Gone.md') } };
    assert.deepEqual(resolveWorkspaceSymbol(gone, index), gone);
    // A symbol that has its range already is returned as it is.
    const [eager] = workspaceSymbols('T1059.006', index);
    assert.equal(resolveWorkspaceSymbol(eager, index), eager);
  });
});
