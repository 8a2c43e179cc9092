import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './support/lspTestClient';

/**
 * The server starts reading the vault before the client's settings arrive, with the default
 * excludes only; the notes that the settings exclude must still end up out of the index.
 */
describe('protocol: excluded folders', function () {
  this.timeout(30_000);
  let vault: string;
  let client: LspTestClient | undefined;

  const write = (vaultPath: string, text: string) => {
    mkdirSync(path.dirname(path.join(vault, vaultPath)), { recursive: true });
    writeFileSync(path.join(vault, vaultPath), text);
  };

  before(() => {
    vault = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-excludes-'));
    write('Kept.md', '# Kept\n');
    write('archive/Archived.md', '# Archived\n');
    write('drafts/Draft.md', '# Draft\n');
    write('.obsidian/Plugin notes.md', '# Never a note\n');
    write('notes/Hunt.md', 'See [[Kept]], [[Archived]], [[Draft]] and [[Plugin notes]].\n');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  after(() => rmSync(vault, { recursive: true, force: true }));

  /** The targets of the broken links that one publication reports. */
  const brokenOf = (params: PublishDiagnosticsParams): string[] =>
    params.diagnostics
      .filter((diagnostic) => diagnostic.code === 'link-broken')
      .map((diagnostic) => /\[\[([^\]]+)\]\]/.exec(diagnostic.message)?.[1] ?? '')
      .sort();

  const brokenLinksOfHunt = async (started: LspTestClient): Promise<string[]> => {
    const uri = fileUri(path.join(vault, 'notes/Hunt.md'));
    const published = started.waitForDiagnostics(uri);
    await started.open(uri, 'See [[Kept]], [[Archived]], [[Draft]] and [[Plugin notes]].\n');
    return brokenOf(await published);
  };

  /** A server whose settings exclude the archive folder (attackNotes) and every drafts folder (files). */
  const startExcludingArchiveAndDrafts = () =>
    LspTestClient.start({
      workspaceFolders: [vault],
      settings: {
        attackNotes: { exclude: ['archive/**'], diagnostics: { delay: 0 } },
        'files.exclude': { '**/drafts': true },
      },
    });

  it('leaves out attackNotes.exclude and files.exclude folders that the settings name', async () => {
    client = await startExcludingArchiveAndDrafts();
    const { notes } = await client.waitForIndex();
    assert.equal(notes, 2, 'Kept and Hunt');
    assert.deepEqual(await brokenLinksOfHunt(client), ['Archived', 'Draft', 'Plugin notes']);
  });

  it('leaves out a note created later in an excluded folder (a file event)', async () => {
    client = await startExcludingArchiveAndDrafts();
    await client.waitForIndex();
    assert.deepEqual(await brokenLinksOfHunt(client), ['Archived', 'Draft', 'Plugin notes']);
    const huntUri = fileUri(path.join(vault, 'notes/Hunt.md'));
    const otherBroken = client.waitForDiagnostics(huntUri);
    await client.change(huntUri, 'See [[Fresh]] and [[Other]].\n');
    assert.deepEqual(brokenOf(await otherBroken), ['Fresh', 'Other']);
    // One batch: a note in the excluded drafts folder (it must stay out), then `Other`, whose
    // arrival re-checks Hunt once the whole batch is applied.
    write('drafts/Fresh.md', '# Fresh (a draft)\n');
    write('Other.md', '# Other\n');
    try {
      const republished = client.waitForDiagnostics(huntUri);
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: ['drafts/Fresh.md', 'Other.md'].map((vaultPath) => ({
          uri: fileUri(path.join(vault, vaultPath)),
          type: FileChangeType.Created,
        })),
      });
      assert.deepEqual(brokenOf(await republished), ['Fresh']);
    } finally {
      rmSync(path.join(vault, 'Other.md'));
      rmSync(path.join(vault, 'drafts/Fresh.md'));
    }
  });

  it('indexes the same folders without those settings (only .obsidian stays out)', async () => {
    client = await LspTestClient.start({
      workspaceFolders: [vault],
      settings: { attackNotes: { diagnostics: { delay: 0 } } },
    });
    const { notes } = await client.waitForIndex();
    assert.equal(notes, 4);
    assert.deepEqual(await brokenLinksOfHunt(client), ['Plugin notes']);
  });
});
