import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DocumentSymbolRequest,
  SymbolKind,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol/node';
import { ownedSeed, seedVariants } from '../support/sharedData';
import { fileUri, LspTestClient } from './support/lspTestClient';

describe('protocol: document symbols', function () {
  let client: LspTestClient;
  let folder: string;

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-symbols-'));
    client = await LspTestClient.start({ workspaceFolders: [folder] });
    await client.waitForIndex();
  });

  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('announces the outline capability', () => {
    assert.ok(client.initializeResult.capabilities.documentSymbolProvider);
  });

  // The owned stand-in everywhere, the seed as received too when ../shared has it.
  for (const seed of seedVariants())
    it(`outlines the seed note (${seed.name}): the ID heading with its five sections at their exact lines`, async () => {
      const uri = fileUri(path.join(folder, `T1059.006 ${seed.name}.md`));
      await client.open(uri, seed.text);
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
        textDocument: { uri },
      })) as DocumentSymbol[];

      assert.equal(symbols.length, 1);
      const [idHeading] = symbols;
      assert.equal(idHeading.name, 'T1059.006');
      assert.equal(idHeading.kind, SymbolKind.Class);
      assert.deepEqual(idHeading.selectionRange, {
        start: { line: 4, character: 3 },
        end: { line: 4, character: 12 },
      });

      const sections = idHeading.children!.map((child) => [
        child.name,
        child.selectionRange.start.line,
      ]);
      assert.deepEqual(sections, [
        ['Tactic', 11],
        ['Platforms', 14],
        ['Permissions Required', 19],
        ['Mitigations', 21],
        ['References', 32],
      ]);

      const mitigations = idHeading.children![3];
      assert.deepEqual(
        mitigations.children!.map((row) => [row.name, row.detail, row.range.start.line]),
        [
          ['M1033', 'Limit Software Installation', 25],
          ['M1038', 'Execution Prevention', 26],
          ['M1049', 'Antivirus／Antimalware', 27],
          ['M1047', 'Audit', 28],
        ],
      );
      // A section spans to the line before the next heading of its level.
      assert.deepEqual(mitigations.range.start, { line: 21, character: 0 });
      assert.equal(mitigations.range.end.line, 31);
    });

  it('gives only the table rows, naming their section, to an editor that outlines headings itself', async () => {
    const outlined = await LspTestClient.start({
      workspaceFolders: [folder],
      initializationOptions: { editorOutlinesHeadings: true },
    });
    try {
      await outlined.waitForIndex();
      const uri = fileUri(path.join(folder, 'T1059.006 rows.md'));
      await outlined.open(uri, ownedSeed().text);
      const symbols = (await outlined.connection.sendRequest(DocumentSymbolRequest.type, {
        textDocument: { uri },
      })) as DocumentSymbol[];
      assert.deepEqual(
        symbols.map((row) => [row.name, row.detail, row.kind, row.range.start.line]),
        [
          ['M1033', 'Limit Software Installation · Mitigations', SymbolKind.Field, 25],
          ['M1038', 'Execution Prevention · Mitigations', SymbolKind.Field, 26],
          ['M1049', 'Antivirus／Antimalware · Mitigations', SymbolKind.Field, 27],
          ['M1047', 'Audit · Mitigations', SymbolKind.Field, 28],
        ],
      );
      assert.ok(symbols.every((row) => (row.children ?? []).length === 0));
    } finally {
      await outlined.stop();
    }
  });
});
