import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './support/lspTestClient';

/** The link targets that the server currently reports as broken, from one publication. */
function brokenTargets(params: PublishDiagnosticsParams): string[] {
  return params.diagnostics
    .filter((diagnostic) => diagnostic.code === 'link-broken')
    .map((diagnostic) => /\[\[([^\]|#\\]+)/.exec(diagnostic.message)?.[1] ?? diagnostic.message)
    .sort();
}

describe('protocol: the index follows edits, creations, deletions and renames', function () {
  let client: LspTestClient;
  let vault: string;
  const file = (vaultPath: string) => path.join(vault, vaultPath);
  const uri = (vaultPath: string) => fileUri(file(vaultPath));

  const write = (vaultPath: string, text: string) => {
    mkdirSync(path.dirname(file(vaultPath)), { recursive: true });
    writeFileSync(file(vaultPath), text);
  };
  const notify = (changes: { vaultPath: string; type: FileChangeType }[]) =>
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: changes.map((change) => ({ uri: uri(change.vaultPath), type: change.type })),
    });

  const linker = 'notes/Hunt.md';
  const linkerText = '# Hunt\n\nSee [[Execution]], [[Later]] and [[Python#Mitigations]].\n';

  before(async () => {
    vault = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-updates-'));
    write('tactics/Execution.md', '---\nalias: TA0002\n---\n\n## TA0002\n\nRunning code.\n');
    write(
      'techniques/Python.md',
      '---\nalias: T1059.006\n---\n\n## T1059.006\n\n### Platforms\n- Linux\n',
    );
    write(linker, linkerText);
    client = await LspTestClient.start({
      workspaceFolders: [vault],
      settings: { attackNotes: { diagnostics: { delay: 0 } } },
    });
    await client.waitForIndex();
  });

  after(async () => {
    await client.stop();
    rmSync(vault, { recursive: true, force: true });
  });

  it('reports the links of an opened note that no note matches', async () => {
    const published = client.waitForDiagnostics(uri(linker));
    await client.open(uri(linker), linkerText);
    const params = await published;
    assert.deepEqual(brokenTargets(params), ['Later']);
    const heading = params.diagnostics.find((d) => d.code === 'link-heading-broken');
    assert.ok(heading, 'the missing #Mitigations heading is reported');
  });

  it('clears a broken link when the missing note is created on disk', async () => {
    write('Later.md', '# Later\n');
    const published = client.waitForDiagnostics(uri(linker), (p) => brokenTargets(p).length === 0);
    await notify([{ vaultPath: 'Later.md', type: FileChangeType.Created }]);
    await published;
  });

  it('re-checks dependents when a linked note changes on disk (a heading appears)', async () => {
    write(
      'techniques/Python.md',
      '---\nalias: T1059.006\n---\n\n## T1059.006\n\n### Platforms\n- Linux\n\n### Mitigations\n',
    );
    const published = client.waitForDiagnostics(
      uri(linker),
      (p) => !p.diagnostics.some((d) => d.code === 'link-heading-broken'),
    );
    await notify([{ vaultPath: 'techniques/Python.md', type: FileChangeType.Changed }]);
    await published;
  });

  it('reports the link again when its target is deleted', async () => {
    unlinkSync(file('tactics/Execution.md'));
    const published = client.waitForDiagnostics(uri(linker), (p) =>
      brokenTargets(p).includes('Execution'),
    );
    await notify([{ vaultPath: 'tactics/Execution.md', type: FileChangeType.Deleted }]);
    assert.deepEqual(brokenTargets(await published), ['Execution']);
  });

  it('follows a rename (a delete and a create)', async () => {
    renameSync(file('Later.md'), file('Sooner.md'));
    const published = client.waitForDiagnostics(uri(linker), (p) =>
      brokenTargets(p).includes('Later'),
    );
    await notify([
      { vaultPath: 'Later.md', type: FileChangeType.Deleted },
      { vaultPath: 'Sooner.md', type: FileChangeType.Created },
    ]);
    assert.deepEqual(brokenTargets(await published), ['Execution', 'Later']);
  });

  it('indexes the notes of a folder reported only as a created folder', async () => {
    write('archive/old/Execution.md', '# Execution (archived)\n');
    write('archive/old/.obsidian/Ignored.md', '# Excluded by default\n');
    const published = client.waitForDiagnostics(
      uri(linker),
      (p) => !brokenTargets(p).includes('Execution'),
    );
    await notify([{ vaultPath: 'archive', type: FileChangeType.Created }]);
    assert.deepEqual(brokenTargets(await published), ['Later']);
  });

  it('drops the notes of a folder reported only as deleted', async () => {
    rmSync(file('archive'), { recursive: true });
    const published = client.waitForDiagnostics(uri(linker), (p) =>
      brokenTargets(p).includes('Execution'),
    );
    await notify([{ vaultPath: 'archive', type: FileChangeType.Deleted }]);
    assert.deepEqual(brokenTargets(await published), ['Execution', 'Later']);
  });

  it('takes the editor text of an open note, and clears squiggles as the author fixes the links', async () => {
    const published = client.waitForDiagnostics(uri(linker), (p) => brokenTargets(p).length === 0);
    const version = await client.change(
      uri(linker),
      '# Hunt\n\nSee [[Sooner]] and [[Python#Mitigations]].\n',
    );
    const params = await published;
    assert.equal(params.version, version);
  });

  it('lets other open notes see an unsaved note of the editor', async () => {
    const draft = 'notes/Draft.md';
    const published = client.waitForDiagnostics(uri(linker), (p) => brokenTargets(p).length === 0);
    await client.change(uri(linker), '# Hunt\n\nSee [[Draft]].\n');
    await client.open(uri(draft), '# Draft (never saved)\n');
    await published;
  });
});
