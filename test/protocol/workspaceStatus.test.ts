import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { markdownFilesUnder } from '../unit/model/modelTestSupport';
import {
  WORKSPACE_STATUS_CHANGED_NOTIFICATION,
  WORKSPACE_STATUS_REQUEST,
  type WorkspaceStatus,
} from '../../server/src/lsp/protocol';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

// The status bar's counts (attackNotes/workspaceStatus): notes in the index, problems published.
const sampleVault = path.join(repoRoot, 'examples', 'vault');
const powerShell = path.join(sampleVault, 'techniques', 'PowerShell.md');

describe('protocol: the workspace status (notes and problems)', function () {
  this.timeout(60_000);
  let client: LspTestClient;

  before(async () => {
    // Read-only use of the sample vault: notes are opened with their text, nothing is written.
    client = await LspTestClient.start({ workspaceFolders: [sampleVault] });
    await client.waitForIndex();
  });

  after(async () => {
    await client?.stop();
  });

  it('counts the notes of the index, with no problems before a note is open', async () => {
    const status = await client.request<WorkspaceStatus>(WORKSPACE_STATUS_REQUEST, undefined);
    assert.deepEqual(status, {
      notes: markdownFilesUnder(sampleVault).length,
      problems: 0,
      notesWithProblems: 0,
      indexing: false,
    });
  });

  it('counts the problems published for an open note, and drops them when it closes', async () => {
    const uri = fileUri(powerShell);
    const published = client.waitForDiagnostics(uri, (params) => params.diagnostics.length > 0);
    const counted = client.waitForNext<WorkspaceStatus>(
      WORKSPACE_STATUS_CHANGED_NOTIFICATION,
      (status) => status.problems > 0,
    );
    await client.open(uri, readFileSync(powerShell, 'utf8'));
    const { diagnostics } = await published;
    const status = await counted;
    const problems = diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Hint).length;
    assert.ok(problems >= 4, 'the deliberate mistakes of PowerShell.md');
    assert.equal(status.problems, problems);
    assert.equal(status.notesWithProblems, 1);
    assert.equal(status.notes, markdownFilesUnder(sampleVault).length);

    const cleared = client.waitForNext<WorkspaceStatus>(
      WORKSPACE_STATUS_CHANGED_NOTIFICATION,
      (next) => next.problems === 0,
    );
    await client.close(uri);
    assert.equal((await cleared).notesWithProblems, 0);
  });
});
