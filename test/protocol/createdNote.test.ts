import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './support/lspTestClient';

/**
 * The "Create the note" fix of link-broken: an editor applies it as a `CreateFile` plus the
 * skeleton's text, which reaches the server as `didOpen` of the new note (the editor holds it
 * unsaved) and, once the file is on disk, as a file event. Either alone clears the linking note's
 * finding at once, with the server's default diagnostics delay.
 */

/** A client that takes document changes and file creation, with action literals and no resolve. */
const CREATING_CLIENT: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

const hasBrokenLink = (params: PublishDiagnosticsParams) =>
  params.diagnostics.some((d) => d.code === 'link-broken');

describe('protocol: a note created for a broken link clears it at once', function () {
  let client: LspTestClient;
  let vault: string;
  const file = (vaultPath: string) => path.join(vault, vaultPath);
  const uri = (vaultPath: string) => fileUri(file(vaultPath));
  const linking = 'techniques/Python.md';
  const linkingText =
    '---\nalias: T1059.006\n---\n\n## T1059.006\n\n### Tactic\n- [[Execution]] (TA0002)\n\nThen [[Discovery]].\n';
  const created = 'tactics/Discovery.md';
  /** The skeleton of TA0007, as the fix writes it. */
  const skeleton =
    '---\nalias: TA0007\n---\n\n## TA0007\n\n---\n### References\n\n- mitre-attack: https://attack.mitre.org/tactics/TA0007\n';
  let broken: Diagnostic;

  /** What the linking note has besides the broken link (a short note lacks some sections). */
  let otherCodes: string[] = [];

  before(async () => {
    vault = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-created-'));
    mkdirSync(path.join(vault, 'tactics'));
    mkdirSync(path.join(vault, 'techniques'));
    writeFileSync(file('tactics/Execution.md'), '---\nalias: TA0002\n---\n\n## TA0002\n');
    writeFileSync(file(linking), linkingText);
    client = await LspTestClient.start({
      workspaceFolders: [vault],
      capabilities: CREATING_CLIENT,
    });
    await client.waitForIndex();
    const published = client.waitForDiagnostics(uri(linking), hasBrokenLink);
    await client.open(uri(linking), linkingText);
    const diagnostics = (await published).diagnostics;
    broken = diagnostics.find((d) => d.code === 'link-broken')!;
    otherCodes = diagnostics.map((d) => String(d.code)).filter((code) => code !== 'link-broken');
  });

  after(async () => {
    await client.stop();
    rmSync(vault, { recursive: true, force: true });
  });

  it('offers the note as CreateFile plus its text; it clears once the editor opens it unsaved', async () => {
    const actions = await client.request<CodeAction[]>(CodeActionRequest.type.method, {
      textDocument: { uri: uri(linking) },
      range: broken.range,
      context: { diagnostics: [broken], only: ['quickfix'] },
    });
    const create = actions.find((a) => a.title.startsWith('Create the note'));
    assert.ok(create, `no create action among ${actions.map((a) => a.title).join('; ')}`);
    assert.equal(create.title, "Create the note 'tactics/Discovery.md' for TA0007 Discovery");
    assert.deepEqual(create.edit?.documentChanges, [
      { kind: 'create', uri: uri(created), options: { overwrite: false, ignoreIfExists: false } },
      {
        textDocument: { uri: uri(created), version: null },
        edits: [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            newText: skeleton,
          },
        ],
      },
    ]);
    // The editor applies it: the new note is open, not yet written.
    const cleared = client.waitForDiagnostics(uri(linking), (p) => !hasBrokenLink(p), 5000);
    await client.open(uri(created), skeleton);
    const params = await cleared;
    assert.deepEqual(
      params.diagnostics.map((d) => String(d.code)),
      otherCodes,
    );
  });

  it('comes back when the unsaved note is closed without being written', async () => {
    const back = client.waitForDiagnostics(uri(linking), hasBrokenLink, 5000);
    await client.close(uri(created));
    await back;
  });

  it('clears when the file event of the written note comes first', async () => {
    writeFileSync(file(created), skeleton);
    const cleared = client.waitForDiagnostics(uri(linking), (p) => !hasBrokenLink(p), 5000);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: uri(created), type: FileChangeType.Created }],
    });
    await cleared;
  });
});
