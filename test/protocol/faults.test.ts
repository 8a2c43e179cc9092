// Faults through the built server: files that fight back (see also
// test/unit/index/filesThatFightBack.test.ts, which covers each kind on its own), a request whose
// handler throws, and settings that used to end the server. After each, the same process answers.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ResponseError,
  type LogMessageParams,
} from 'vscode-languageserver-protocol/node';
import { MAX_NOTE_FILE_BYTES } from '../../server/src/core/index/noteFiles';
import { fileUri, LspTestClient } from './support/lspTestClient';

const HUNT = '# Hunt\n\nSee [[Nowhere]] and [[Plain]].\n';

describe('protocol: faults in files and handlers', function () {
  let client: LspTestClient;
  let vault: string;
  let outside: string;
  const file = (vaultPath: string) => path.join(vault, ...vaultPath.split('/'));
  const uri = (vaultPath: string) => fileUri(file(vaultPath));
  const write = (vaultPath: string, content: string | Buffer) => {
    mkdirSync(path.dirname(file(vaultPath)), { recursive: true });
    writeFileSync(file(vaultPath), content);
  };
  const logLines = () =>
    client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as LogMessageParams).message);
  // Kept by reference: the test client answers workspace/configuration from it each time.
  const settings: Record<string, unknown> = { attackNotes: { diagnostics: { delay: 0 } } };

  before(async () => {
    vault = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-faults-'));
    outside = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-faults-outside-'));
    writeFileSync(path.join(outside, 'Secret.md'), '# Secret\n');
    write('notes/Plain.md', '# Plain\n');
    write('notes/Hunt.md', HUNT);
    write('notes/odd ／ name #1 100%.md', '# Odd\n');
    write('drafts/Draft.md', '# Draft\n');
    write('assets/Diagram.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    write('exports/Huge.md', '');
    truncateSync(file('exports/Huge.md'), MAX_NOTE_FILE_BYTES + 1);
    symlinkSync(path.join(outside, 'Secret.md'), file('notes/Secret.md'));
    symlinkSync(file('notes/Loop.md'), file('notes/Loop.md'));
    client = await LspTestClient.start({ workspaceFolders: [vault], settings });
  });

  after(async () => {
    await client.stop();
    rmSync(vault, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('indexes the notes, skips each file that is not one with one warning', async () => {
    const { notes } = await client.waitForIndex();
    assert.equal(notes, 4);
    const skipped = logLines().filter((line) => line.startsWith('Skipped '));
    const named = (vaultPath: string, why: RegExp) =>
      skipped.filter((line) => line.startsWith(`Skipped ${uri(vaultPath)}:`) && why.test(line));
    assert.equal(named('assets/Diagram.md', /binary/).length, 1);
    assert.equal(named('exports/Huge.md', /larger than 8 MiB/).length, 1);
    assert.equal(named('notes/Secret.md', /outside the workspace folder/).length, 1);
    assert.equal(named('notes/Loop.md', /loops/).length, 1);
    assert.equal(skipped.length, 4);
  });

  it('warns once about a file that grows past the limit, however often it changes', async () => {
    write('notes/Growing.md', '# Growing\n');
    const created = { uri: uri('notes/Growing.md'), type: FileChangeType.Created };
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [created],
    });
    truncateSync(file('notes/Growing.md'), MAX_NOTE_FILE_BYTES + 1);
    const warned = client.waitFor<LogMessageParams>('window/logMessage', (p) =>
      p.message.startsWith(`Skipped ${uri('notes/Growing.md')}`),
    );
    for (let i = 0; i < 3; i++) {
      truncateSync(file('notes/Growing.md'), MAX_NOTE_FILE_BYTES + 2 + i);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: created.uri, type: FileChangeType.Changed }],
      });
    }
    await warned;
    // A request answered after the three events: every warning they caused has arrived.
    await client.request('workspace/symbol', { query: 'Growing' });
    const status = await client.request<{ notes: number }>('attackNotes/workspaceStatus', {});
    assert.equal(status.notes, 4);
    const growing = logLines().filter((l) => l.startsWith(`Skipped ${uri('notes/Growing.md')}`));
    assert.equal(growing.length, 1);
  });

  it('answers a request whose handler throws with an error for it alone, logged once', async () => {
    const published = client.waitForDiagnostics(uri('notes/Hunt.md'), (p) =>
      p.diagnostics.some((d) => d.code === 'link-broken'),
    );
    await client.open(uri('notes/Hunt.md'), HUNT);
    await published;
    // codeAction/resolve carries back the `data` the server gave; a client may send any JSON
    // there (LSPAny). A fix whose range is not a range made the handler throw.
    const tampered = {
      title: 'Tampered',
      data: { uri: uri('notes/Hunt.md'), version: 1, fix: { code: 'link-broken', range: null } },
    };
    const failure = await client.request('codeAction/resolve', tampered).then(
      () => assert.fail('answered without an error'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof ResponseError);
    assert.equal(failure.code, ErrorCodes.InternalError);
    assert.match(failure.message, /^ATT&CK Notes could not answer /);
    const hover = await client.request('textDocument/hover', {
      textDocument: { uri: uri('notes/Hunt.md') },
      position: { line: 2, character: 8 },
    });
    assert.ok(hover, 'the same server answers the next request');
    const logged = logLines().filter((line) => /^Request .* failed: /.test(line));
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0], /codeAction\/resolve|onCodeActionResolve/);
    assert.equal(client.child.exitCode, null);
  });

  it('takes an empty exclude glob, which used to end the server, and applies the others', async () => {
    settings.attackNotes = { diagnostics: { delay: 0 }, exclude: ['', 'drafts/**'] };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: null,
    });
    await client.waitFor<LogMessageParams>('window/logMessage', (p) =>
      p.message.startsWith('Excludes changed'),
    );
    const status = await client.request<{ notes: number }>('attackNotes/workspaceStatus', {});
    assert.equal(status.notes, 3, 'drafts/Draft.md is excluded, the rest kept');
    assert.equal(client.child.exitCode, null);
  });
});
