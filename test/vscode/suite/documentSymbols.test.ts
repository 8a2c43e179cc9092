// (b) The outline of a technique note comes from the server: the `## ID` heading on top, its
// `###` sections below.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, eventually, openNote } from './helpers';

const ID = 'T1059.006';

describe('document symbols', () => {
  before(activeApi);

  it('gives the outline of a technique note', async () => {
    const editor = await openNote('techniques/Python.md');
    const uri = editor.document.uri;
    // VS Code merges the answers of every symbol provider. Its built-in Markdown provider names
    // headings with their hashes ("## T1059.006"); ours names the ID alone, which tells them apart.
    const top = await eventually(
      async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
          'vscode.executeDocumentSymbolProvider',
          uri,
        );
        return symbols?.find((s) => s.name === ID);
      },
      15_000,
      `a document symbol named ${ID}`,
    );
    assert.equal(top.range.start.line, 4, 'the ID symbol should start at the `## T1059.006` line');
    assert.deepEqual(
      top.children.map((c) => c.name),
      ['Tactic', 'Platforms', 'Permissions Required', 'Mitigations', 'References'],
    );
  });
});
