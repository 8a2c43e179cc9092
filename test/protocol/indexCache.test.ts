import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LogMessageNotification, type LogMessageParams } from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './support/lspTestClient';

/** The server's "Indexed N notes in X ms (M unchanged since the last session)" line. */
function indexedLine(client: LspTestClient): string {
  const line = client.notifications
    .filter((n) => n.method === LogMessageNotification.method)
    .map((n) => (n.params as LogMessageParams).message)
    .find((message) => message.startsWith('Indexed '));
  assert.ok(line, 'the server logs its first index');
  return line;
}

describe('protocol: the index summary cache between sessions', function () {
  let root: string;
  let vault: string;
  let cacheDirectory: string;
  const file = (vaultPath: string) => path.join(vault, vaultPath);
  const write = (vaultPath: string, text: string) => {
    mkdirSync(path.dirname(file(vaultPath)), { recursive: true });
    writeFileSync(file(vaultPath), text);
  };
  const linker = 'notes/Hunt.md';
  const linkerText = '# Hunt\n\nSee [[Execution]] and [[Python#Mitigations]].\n';

  const session = async () => {
    const client = await LspTestClient.start({
      workspaceFolders: [vault],
      settings: { attackNotes: { diagnostics: { delay: 0 } } },
      initializationOptions: { indexCacheDirectory: cacheDirectory },
    });
    await client.waitForIndex();
    const published = client.waitForDiagnostics(fileUri(file(linker)));
    await client.open(fileUri(file(linker)), linkerText);
    const codes = (await published).diagnostics.map((d) => String(d.code)).sort();
    return { client, codes };
  };

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-index-cache-'));
    vault = path.join(root, 'vault');
    cacheDirectory = path.join(root, 'storage');
    write('tactics/Execution.md', '---\nalias: TA0002\n---\n\n## TA0002\n');
    write('techniques/Python.md', '---\nalias: T1059.006\n---\n\n## T1059.006\n');
    write(linker, linkerText);
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('writes the cache at shutdown, reuses unchanged notes next time, re-reads changed ones', async () => {
    const first = await session();
    assert.match(indexedLine(first.client), /Indexed 3 notes in \d+ ms \(0 unchanged/);
    assert.deepEqual(first.codes, ['link-heading-broken']);
    await first.client.stop();
    assert.equal(readdirSync(cacheDirectory).filter((name) => name.endsWith('.json')).length, 1);

    // Between sessions, Python gains the heading the link names.
    write(
      'techniques/Python.md',
      '---\nalias: T1059.006\n---\n\n## T1059.006\n\n### Mitigations\n',
    );
    const second = await session();
    // Execution comes from the cache; Python changed; Hunt was open in the editor at shutdown, and
    // open notes (whose text may differ from the disk's) are not cached.
    assert.match(indexedLine(second.client), /Indexed 3 notes in \d+ ms \(1 unchanged/);
    assert.deepEqual(second.codes, []);
    await second.client.stop();
  });

  it('writes nothing without a folder from the client', async () => {
    const client = await LspTestClient.start({ workspaceFolders: [vault] });
    await client.waitForIndex();
    assert.match(indexedLine(client), /\(0 unchanged/);
    await client.stop();
    assert.deepEqual(readdirSync(root).sort(), ['storage', 'vault']);
  });
});
