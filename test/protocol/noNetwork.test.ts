// The server opens no network connection: a session over the sample vault (index, diagnostics,
// hover, completion, symbols, preview, coverage, a STIX bundle) with every connecting Node API
// wrapped (support/networkGuard.cjs) records no attempt.
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COVERAGE_REQUEST } from '../../server/src/lsp/protocol/coverageRequest';
import { PREVIEW_REQUEST } from '../../server/src/lsp/protocol/previewRequest';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

const BUNDLE = {
  type: 'bundle',
  id: 'bundle--network-test',
  objects: [
    {
      type: 'course-of-action',
      id: 'course-of-action--network-test-1',
      spec_version: '2.1',
      name: 'Signed Script Policy',
      external_references: [
        { source_name: 'mitre-attack', external_id: 'M9001', url: 'https://example.com/M9001' },
      ],
    },
  ],
};

describe('protocol: no network', function () {
  this.timeout(60_000);
  let folder: string;
  let client: LspTestClient | undefined;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-network-'));
    cpSync(path.join(repoRoot, 'examples', 'vault'), folder, { recursive: true });
    writeFileSync(path.join(folder, 'custom.json'), JSON.stringify(BUNDLE));
  });
  after(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('makes no connection and no name lookup through a whole session', async () => {
    client = await LspTestClient.start({
      workspaceFolders: [folder],
      settings: { attackNotes: { stixBundles: ['custom.json'] } },
      command: [
        process.execPath,
        '--require',
        path.join(__dirname, 'support', 'networkGuard.cjs'),
        path.join(repoRoot, 'dist', 'server.js'),
        '--stdio',
      ],
    });
    await client.waitForIndex();
    const uri = fileUri(path.join(folder, 'techniques', 'PowerShell.md'));
    const text = readFileSync(path.join(folder, 'techniques', 'PowerShell.md'), 'utf8');
    const diagnosed = client.waitForDiagnostics(uri);
    await client.open(uri, text);
    await diagnosed;
    const line = text.split('\n').findIndex((l) => l.includes('M1038'));
    const character = text.split('\n')[line]!.indexOf('M1038') + 1;
    const position = { line, character };
    await client.request('textDocument/hover', { textDocument: { uri }, position });
    await client.request('textDocument/completion', { textDocument: { uri }, position });
    await client.request('textDocument/definition', { textDocument: { uri }, position });
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: position, end: position },
      context: { diagnostics: [] },
    });
    const preview = await client.request<{ html: string } | null>(PREVIEW_REQUEST, {
      textDocument: { uri },
    });
    assert.ok(preview?.html.includes('attack.mitre.org'), 'the preview links ATT&CK pages');
    await client.request(COVERAGE_REQUEST, { domain: 'enterprise' });
    await client.request('workspace/symbol', { query: 'T1059' });

    const stderr = client.logs.join('');
    assert.match(stderr, /ATTACK_NOTES_NETWORK_GUARD on/, 'the guard was not loaded');
    assert.deepEqual(
      stderr.split('\n').filter((l) => l.startsWith('ATTACK_NOTES_NETWORK ')),
      [],
      'the server tried the network',
    );
  });
});
