import { strict as assert } from 'node:assert';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../server/src/core/features/documentSymbols';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { ownedSeed } from '../../support/sharedData';
import { catalogKnowledgeBase } from '../kb/attackData';

const names = (symbols: DocumentSymbol[]): string[] =>
  symbols.flatMap((symbol) => [symbol.name, ...names(symbol.children ?? [])]);

describe('document symbols', () => {
  const seed = ownedSeed();
  const note = parseNote(seed.text, seed.uri);

  it('outline the headings by level with the table rows under their section', () => {
    const [idHeading, ...others] = documentSymbols(note, catalogKnowledgeBase());
    assert.deepEqual(others, []);
    assert.deepEqual(
      [idHeading.name, idHeading.detail, idHeading.kind],
      ['T1059.006', 'Python', SymbolKind.Class],
    );
    const mitigations = idHeading.children!.find((child) => child.name === 'Mitigations')!;
    assert.deepEqual(
      mitigations.children!.map((row) => [row.name, row.detail]),
      [
        ['M1033', 'Limit Software Installation'],
        ['M1038', 'Execution Prevention'],
        ['M1049', 'Antivirus／Antimalware'],
        ['M1047', 'Audit'],
      ],
    );
  });

  it('give the table rows alone, naming their section, when the editor outlines the headings', () => {
    const rows = documentSymbols(note, catalogKnowledgeBase(), { headings: false });
    const full = documentSymbols(note, catalogKnowledgeBase());
    const mitigations = full[0].children!.find((child) => child.name === 'Mitigations')!;
    assert.deepEqual(
      rows.map((row) => [row.name, row.detail, row.kind, row.range, row.selectionRange]),
      mitigations.children!.map((row) => [
        row.name,
        `${row.detail} · Mitigations`,
        SymbolKind.Field,
        row.range,
        row.selectionRange,
      ]),
    );
    // No heading is among them, at any depth.
    const headings = note.sections.map((section) => section.heading.text);
    assert.deepEqual(
      names(rows).filter((name) => headings.includes(name)),
      [],
    );
  });

  it('give nothing for a note without tables when the editor outlines the headings', () => {
    const plain = parseNote('# Ideas\n\n## Later\n\ntext\n', 'file:///vault/Ideas.md');
    assert.deepEqual(documentSymbols(plain, undefined, { headings: false }), []);
    assert.deepEqual(names(documentSymbols(plain)), ['Ideas', 'Later']);
  });
});
