import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LogMessageNotification,
  WorkspaceSymbolRequest,
  type LogMessageParams,
} from 'vscode-languageserver-protocol/node';
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

/** Workspace symbols named by `query` (an ID a note defines). */
async function symbolsFor(client: LspTestClient, query: string): Promise<unknown[]> {
  return ((await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ??
    []) as unknown[];
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
    // Execution comes from the cache, and so does Hunt, open in the editor at shutdown (as its
    // file on disk); only Python, which changed, is read.
    assert.match(indexedLine(second.client), /Indexed 3 notes in \d+ ms \(2 unchanged/);
    assert.deepEqual(second.codes, []);
    await second.client.stop();
  });

  describe('open notes', () => {
    // Sessions still running when a test fails are stopped, so mocha can end.
    const running = new Set<LspTestClient>();
    const cachedSession = async () => {
      const client = await LspTestClient.start({
        workspaceFolders: [vault],
        initializationOptions: { indexCacheDirectory: cacheDirectory },
      });
      running.add(client);
      await client.waitForIndex();
      return client;
    };
    const stop = async (client: LspTestClient) => {
      running.delete(client);
      await client.stop();
    };
    afterEach(async () => {
      for (const client of running) await stop(client);
      write(linker, linkerText);
    });

    it('caches a note left open with unsaved edits as its file, never as the editor text', async () => {
      // A change on disk, so this session writes the cache again at shutdown.
      write('tactics/Execution.md', '---\nalias: TA0002\n---\n\n## TA0002\n\nRun code.\n');
      const editing = await cachedSession();
      assert.match(indexedLine(editing), /Indexed 3 notes in \d+ ms \(2 unchanged/);
      // Unsaved: Hunt becomes the note of a custom mitigation.
      await editing.open(fileUri(file(linker)), `## M9001\n\n${linkerText}`);
      assert.equal((await symbolsFor(editing, 'M9001')).length, 1);
      await stop(editing);

      const reopened = await cachedSession();
      // Nothing changed on disk since: every note comes from the cache, Hunt as its file.
      assert.match(indexedLine(reopened), /Indexed 3 notes in \d+ ms \(3 unchanged/);
      assert.deepEqual(await symbolsFor(reopened, 'M9001'), []);
    });

    it('caches a note saved while open as saved, so the next session does not read it', async () => {
      const session = await cachedSession();
      const saved = `## M9002\n\n${linkerText}`;
      await session.open(fileUri(file(linker)), saved);
      // The editor writes the file and the watcher reports it; the note stays open to the end.
      write(linker, saved);
      await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: fileUri(file(linker)), type: FileChangeType.Changed }],
      });
      await stop(session);

      const next = await cachedSession();
      assert.match(indexedLine(next), /Indexed 3 notes in \d+ ms \(3 unchanged/);
      assert.equal((await symbolsFor(next, 'M9002')).length, 1);
    });
  });

  it('writes nothing without a folder from the client', async () => {
    const client = await LspTestClient.start({ workspaceFolders: [vault] });
    await client.waitForIndex();
    assert.match(indexedLine(client), /\(0 unchanged/);
    await client.stop();
    assert.deepEqual(readdirSync(root).sort(), ['storage', 'vault']);
  });
});
