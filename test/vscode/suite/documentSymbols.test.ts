// (b) The outline of a technique note: VS Code's built-in Markdown support outlines the headings,
// and VS Code lists every provider's symbols side by side, so the server adds only what Markdown
// does not know, the table rows (mitigations, sub-techniques), and each heading shows once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, eventually, openNote } from './helpers';

const HEADINGS = [
  'T1059.006',
  'Tactic',
  'Platforms',
  'Permissions Required',
  'Mitigations',
  'References',
];
const ROWS = ['M1033', 'M1038', 'M1047', 'M1049'];

/** Every symbol at any depth, headings named without their `#`s (the Markdown provider's style). */
function flatten(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.flatMap((symbol) => [symbol, ...flatten(symbol.children)]);
}
const plainName = (symbol: vscode.DocumentSymbol) => symbol.name.replace(/^#+\s*/, '');

describe('document symbols', () => {
  before(activeApi);

  it('outlines each heading of a technique note once, and its Mitigations rows', async () => {
    const editor = await openNote('techniques/Python.md');
    const uri = editor.document.uri;
    // Both providers answer when their servers are ready: wait until the headings and the rows
    // are there.
    const all = await eventually(
      async () => {
        const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
          'vscode.executeDocumentSymbolProvider',
          uri,
        );
        const found = flatten(symbols ?? []);
        const names = found.map(plainName);
        return HEADINGS.every((h) => names.includes(h)) && ROWS.every((r) => names.includes(r))
          ? found
          : undefined;
      },
      15_000,
      'the headings and the Mitigations rows of Python.md',
    );
    const names = all.map(plainName);
    for (const heading of HEADINGS)
      assert.equal(
        names.filter((name) => name === heading).length,
        1,
        `${heading}: ${names.join(', ')}`,
      );
    const rows = all.filter((symbol) => ROWS.includes(symbol.name));
    assert.deepEqual(
      rows.map((row) => [row.name, row.detail, row.kind]),
      [
        ['M1033', 'Limit Software Installation · Mitigations', vscode.SymbolKind.Field],
        ['M1038', 'Execution Prevention · Mitigations', vscode.SymbolKind.Field],
        ['M1047', 'Audit · Mitigations', vscode.SymbolKind.Field],
        ['M1049', 'Antivirus/Antimalware · Mitigations', vscode.SymbolKind.Field],
      ],
    );
  });
});
