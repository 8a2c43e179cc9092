import { strict as assert } from 'node:assert';
import path from 'node:path';
import {
  WorkspaceSymbolRequest,
  WorkspaceSymbolResolveRequest,
  type ClientCapabilities,
  type WorkspaceSymbol,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

/** The sample vault: the enterprise vault's layout and links, with its own prose. */
const sampleVault = path.join(repoRoot, 'examples', 'vault');

/** A client that fills in symbol ranges itself, through `workspaceSymbol/resolve` (as VS Code). */
const RESOLVING_CLIENT: ClientCapabilities = {
  workspace: {
    configuration: true,
    symbol: { resolveSupport: { properties: ['location.range'] } },
  },
};

describe('protocol: workspace symbols', function () {
  this.timeout(60000);
  let eager: LspTestClient;
  let resolving: LspTestClient;

  before(async () => {
    [eager, resolving] = await Promise.all([
      LspTestClient.start({ workspaceFolders: [sampleVault] }),
      LspTestClient.start({ workspaceFolders: [sampleVault], capabilities: RESOLVING_CLIENT }),
    ]);
    await Promise.all([eager.waitForIndex(60000), resolving.waitForIndex(60000)]);
  });

  after(async () => {
    await Promise.all([eager?.stop(), resolving?.stop()]);
  });

  const symbols = (client: LspTestClient, query: string) =>
    client.connection.sendRequest(WorkspaceSymbolRequest.type, { query }) as Promise<
      WorkspaceSymbol[]
    >;

  it('announces resolve, answers a resolving client with URIs only, and resolves each range', async () => {
    assert.deepEqual(resolving.initializeResult.capabilities.workspaceSymbolProvider, {
      resolveProvider: true,
    });
    const full = await symbols(eager, '');
    const deferred = await symbols(resolving, '');
    assert.ok(full.length >= 25, `${full.length} symbols`);
    // The same list; without ranges where the client resolves them.
    assert.deepEqual(
      deferred.map((symbol) => [symbol.name, symbol.kind, symbol.containerName, symbol.location]),
      full.map((symbol) => [
        symbol.name,
        symbol.kind,
        symbol.containerName,
        { uri: symbol.location.uri },
      ]),
    );
    // Every resolved symbol equals the eager answer's, range and all.
    for (const [i, symbol] of deferred.entries()) {
      const resolved = await resolving.connection.sendRequest(
        WorkspaceSymbolResolveRequest.type,
        symbol,
      );
      assert.deepEqual(resolved, full[i]);
    }
    const python = full.find((symbol) => symbol.name === 'T1059.006 Python');
    assert.deepEqual(python?.location, {
      uri: fileUri(path.join(sampleVault, 'techniques', 'Python.md')),
      range: { start: { line: 4, character: 3 }, end: { line: 4, character: 12 } },
    });
  });
});
