import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DocumentSymbolRequest, type DocumentSymbol } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

const bin = path.join(repoRoot, 'bin', 'attack-notes.js');

describe('protocol: the attack-notes command line', () => {
  // The launcher hands `lsp --stdio` to dist/server.js; the CLI bundle itself (which leaves the
  // server out) starts the same dist/server.js.
  const starts: [string, string[]][] = [
    ['attack-notes lsp --stdio', [bin, 'lsp', '--stdio']],
    ['dist/cli.js lsp --stdio', [path.join(repoRoot, 'dist', 'cli.js'), 'lsp', '--stdio']],
  ];
  for (const [name, args] of starts) {
    it(`serves LSP over stdio with \`${name}\` and exits cleanly`, () => servesOverStdio(args));
  }

  async function servesOverStdio(args: string[]): Promise<void> {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-cli-'));
    writeFileSync(
      path.join(folder, 'Execution.md'),
      '---\nalias: TA0002\n---\n\n## TA0002\n\n### References\n',
    );
    try {
      const client = await LspTestClient.start({
        workspaceFolders: [folder],
        command: [process.execPath, ...args],
      });
      assert.equal(client.initializeResult.serverInfo?.name, 'attack-notes');
      const { notes } = await client.waitForIndex();
      assert.equal(notes, 1);
      const uri = fileUri(path.join(folder, 'Execution.md'));
      const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
        textDocument: { uri },
      })) as DocumentSymbol[];
      assert.equal(symbols[0].name, 'TA0002');
      assert.equal(symbols[0].detail, 'Execution');
      assert.equal(await client.stop(), 0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  it('prints its usage with --help and refuses an unknown command with exit code 2', () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /attack-notes lsp --stdio/);
    assert.match(help.stdout, /attack-notes check <path>/);
    const unknown = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    const noTransport = spawnSync(process.execPath, [bin, 'lsp'], { encoding: 'utf8' });
    assert.equal(noTransport.status, 2);
    // The launcher starts the server itself only for a transport; help still comes from the CLI.
    const lspHelp = spawnSync(process.execPath, [bin, 'lsp', '--stdio', '--help'], {
      encoding: 'utf8',
    });
    assert.equal(lspHelp.status, 0);
    assert.match(lspHelp.stdout, /attack-notes lsp --stdio/);
  });
});
