import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodeLensRequest } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './support/lspTestClient';

describe('protocol: the attackNotes.codeLens.references setting', function () {
  this.timeout(30000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-lens-'));
    writeFileSync(path.join(folder, 'Audit.md'), '---\nalias: M1047\n---\n\n## M1047\n');
    writeFileSync(
      path.join(folder, 'Python.md'),
      '## T1059.006\n\n| [[Audit\\|M1047]] | Audit |\n',
    );
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  for (const enabled of [true, false]) {
    it(`${enabled ? 'shows' : 'hides'} the lens when the setting is ${enabled}`, async () => {
      const client = await LspTestClient.start({
        workspaceFolders: [folder],
        settings: { attackNotes: { codeLens: { references: enabled } } },
      });
      try {
        await client.waitForIndex();
        const lenses = await client.connection.sendRequest(CodeLensRequest.type, {
          textDocument: { uri: fileUri(path.join(folder, 'Audit.md')) },
        });
        assert.deepEqual(
          lenses!.map((lens) => lens.command?.title),
          enabled ? ['1 reference'] : [],
        );
      } finally {
        await client.stop();
      }
    });
  }
});
