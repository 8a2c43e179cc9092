// (d) The knowledge base is visible in VS Code: the Show Knowledge Base command exists and the
// server describes the bundled ATT&CK version and its sources to the client.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  KNOWLEDGE_BASE_INFO_REQUEST,
  WORKSPACE_STATUS_REQUEST,
  type KnowledgeBaseInfo,
  type WorkspaceStatus,
} from '../../../server/src/lsp/protocol';
import { activeApi, DIAGNOSTIC_SOURCE, eventually, openNote } from './helpers';

describe('knowledge base', () => {
  it('registers ATT&CK Notes: Show Knowledge Base', async () => {
    await activeApi();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('attackNotes.showKnowledgeBase'));
  });

  it('describes ATT&CK v18.1 and the sources in use', async () => {
    const client = await (await activeApi()).client;
    const info = await client.sendRequest<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST);
    assert.equal(info.attackVersion, '18.1');
    assert.equal(info.sources[0]?.kind, 'catalog');
    assert.ok((info.sources[0]?.counts.technique ?? 0) > 800);
  });

  it("counts the vault's notes and the problems VS Code shows for the open notes (the status bar's numbers)", async () => {
    const client = await (await activeApi()).client;
    await openNote('techniques/PowerShell.md');
    const notes = (await vscode.workspace.findFiles('**/*.md')).length;
    // Problems are what VS Code holds from the server, hints left out as the Problems view does.
    const shown = () =>
      vscode.languages
        .getDiagnostics()
        .flatMap(([, diagnostics]) => diagnostics)
        .filter(
          (d) => d.source === DIAGNOSTIC_SOURCE && d.severity !== vscode.DiagnosticSeverity.Hint,
        ).length;
    const status = await eventually(
      async () => {
        const current = await client.sendRequest<WorkspaceStatus>(WORKSPACE_STATUS_REQUEST);
        return current.problems > 0 && current.problems === shown() ? current : undefined;
      },
      20_000,
      'the problems of PowerShell.md in the workspace status',
    );
    assert.equal(status.notes, notes);
    assert.equal(status.indexing, false);
  });
});
