// (d) The knowledge base is visible in VS Code: the Show Knowledge Base command exists and the
// server describes the bundled ATT&CK version and its sources to the client.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  KNOWLEDGE_BASE_INFO_REQUEST,
  type KnowledgeBaseInfo,
} from '../../../server/src/lsp/protocol';
import { activeApi } from './helpers';

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
});
