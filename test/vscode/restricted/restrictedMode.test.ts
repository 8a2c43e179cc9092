// Restricted Mode in real VS Code (run by test/vscode/run-restricted.mjs): the folder opens
// untrusted, so the extension loads no STIX bundle (the user settings name one) and takes only
// severities from .attack-notes.json; trusting the folder in the Workspace Trust editor applies
// both without a restart.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  KNOWLEDGE_BASE_INFO_REQUEST,
  type KnowledgeBaseInfo,
} from '../../../server/src/lsp/protocol';
import { activeApi, eventually, noteUri, waitForDiagnostics } from '../suite/helpers';
import { trustFolderAsAPersonWould } from './trustBridge';

const code = (diagnostic: vscode.Diagnostic): string =>
  typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
const unknownId = (diagnostics: vscode.Diagnostic[]) =>
  diagnostics.find((d) => code(d) === 'id-unknown' && d.message.includes('M9001'));
const labNotes = (diagnostics: vscode.Diagnostic[]) =>
  diagnostics.find((d) => d.message.includes('Lab Notes'));

describe('Restricted Mode (an untrusted folder)', () => {
  // Put there by the runner: test/fixtures/trust/JavaScript.md, whose table lists M9001.
  const note = () => noteUri('techniques/JavaScript.md');

  it('loads no STIX bundle and only the severities of .attack-notes.json', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the folder opened trusted');
    const api = await activeApi();
    const published = waitForDiagnostics(note(), (d) => unknownId(d) !== undefined, 30_000);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note()));
    const diagnostics = await published;
    // M9001 is unknown without the bundle, at the file's severity; its section list is held back.
    assert.equal(unknownId(diagnostics)?.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(labNotes(diagnostics), undefined, 'a section list of the untrusted file applied');
    const client = await api.client;
    const info = await client.sendRequest<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST);
    assert.ok(!info.sources.some((s) => s.kind === 'stix-bundle'), 'a bundle was loaded');
    assert.ok(
      info.problems.some((p) => p.includes('the workspace is not trusted')),
      info.problems.join('\n'),
    );
  });

  it('applies the bundle and the section list once the folder is trusted, without a restart', async () => {
    const api = await activeApi();
    const applied = waitForDiagnostics(
      note(),
      (d) => unknownId(d) === undefined && labNotes(d) !== undefined,
      60_000,
    );
    await trustFolderAsAPersonWould();
    await eventually(
      async () => (vscode.workspace.isTrusted ? true : undefined),
      20_000,
      'the folder to be trusted',
    );
    const diagnostics = await applied;
    assert.equal(labNotes(diagnostics)?.severity, vscode.DiagnosticSeverity.Warning);
    const client = await api.client;
    const info = await client.sendRequest<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST);
    assert.deepEqual(
      info.sources.filter((s) => s.kind === 'stix-bundle').map((s) => s.name),
      ['custom.json'],
    );
    assert.deepEqual(info.problems, []);
  });
});
