// (a) The extension loads in real VS Code and its language server answers the handshake.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, EXTENSION_ID } from './helpers';

describe('extension activation', () => {
  it('activates and starts the language server', async () => {
    const api = await activeApi();
    const client = await api.client;
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.ok(client.isRunning(), 'the language client is not running');
    assert.ok(client.initializeResult, 'the server did not answer initialize');
  });
});
