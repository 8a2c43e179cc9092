// Workspace trust through the protocol: started untrusted (initializationOptions.workspaceTrusted
// false), the server loads no STIX bundle and takes only severities from .attack-notes.json, says
// so once, and applies everything when attackNotes/workspaceTrust says the workspace is trusted.
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import {
  KNOWLEDGE_BASE_INFO_REQUEST,
  WORKSPACE_TRUST_NOTIFICATION,
  type KnowledgeBaseInfo,
  type WorkspaceTrustParams,
} from '../../server/src/lsp/protocol';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

/** A bundle defining M9001, a file with a severity and a section list, and a note listing M9001. */
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'trust');
const NOTE = readFileSync(path.join(fixtures, 'JavaScript.md'), 'utf8');

interface Message {
  type: number;
  message: string;
}

const codes = (params: PublishDiagnosticsParams) =>
  params.diagnostics.map((d) => `${String(d.code)}:${d.severity}`);

describe('protocol: workspace trust', function () {
  this.timeout(30_000);
  let folder: string;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-trust-'));
    copyFileSync(path.join(fixtures, 'custom-bundle.json'), path.join(folder, 'custom.json'));
    copyFileSync(
      path.join(fixtures, 'team.attack-notes.json'),
      path.join(folder, '.attack-notes.json'),
    );
    mkdirSync(path.join(folder, 'techniques'));
    writeFileSync(path.join(folder, 'techniques', 'JavaScript.md'), NOTE);
  });
  afterEach(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('holds back bundles and section lists until trusted, says so once, then applies both', async () => {
    client = await LspTestClient.start({
      workspaceFolders: [folder],
      settings: { attackNotes: { stixBundles: ['custom.json'] } },
      initializationOptions: { workspaceTrusted: false },
    });
    await client.waitForIndex();
    const uri = fileUri(path.join(folder, 'techniques', 'JavaScript.md'));
    const untrusted = client.waitForDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'id-unknown'),
    );
    await client.open(uri, NOTE);
    // M9001 is unknown without the bundle, at the file's severity (error: 1); no Lab Notes demand.
    const before = await untrusted;
    assert.ok(codes(before).includes('id-unknown:1'), codes(before).join(', '));
    assert.ok(
      !before.diagnostics.some((d) => d.message.includes('Lab Notes')),
      'a section list of the untrusted file applied',
    );
    const info = await client.request<KnowledgeBaseInfo>(KNOWLEDGE_BASE_INFO_REQUEST, undefined);
    assert.ok(!info.sources.some((s) => s.kind === 'stix-bundle'), 'a bundle was loaded');
    assert.deepEqual(info.problems, [
      'STIX bundle "custom.json" not loaded: the workspace is not trusted (trust it to load attackNotes.stixBundles).',
    ]);

    // Said once each: the summary in the log, the bundle and the file as messages.
    const shown = () =>
      client!.notifications
        .filter((n) => n.method === 'window/showMessage')
        .map((n) => (n.params as Message).message);
    await client.waitFor<Message>('window/showMessage', (m) => m.message.includes('section lists'));
    await client.waitFor<Message>('window/showMessage', (m) => m.message.includes('custom.json'));
    // A settings change re-reads the rules; the limit is not told again.
    const rechecked = client.waitForDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: null,
    });
    await rechecked;
    assert.equal(shown().filter((m) => m.includes('not trusted')).length, 2, shown().join('\n'));
    const logged = client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => (n.params as Message).message)
      .filter((m) => m.includes('The workspace is not trusted'));
    assert.equal(logged.length, 1, logged.join('\n'));

    // Trusted: the bundle defines M9001, and the file's section list applies (at its severity).
    // One wait for both: the rules and the bundle may arrive in one publication or two.
    const trusted = client.waitForDiagnostics(
      uri,
      (p) =>
        p.diagnostics.some((d) => d.message.includes('Lab Notes')) &&
        !p.diagnostics.some((d) => d.code === 'id-unknown'),
    );
    const params: WorkspaceTrustParams = { trusted: true };
    await client.connection.sendNotification(WORKSPACE_TRUST_NOTIFICATION, params);
    const after = await trusted;
    const labNotes = after.diagnostics.find((d) => d.message.includes('Lab Notes'));
    assert.equal(labNotes?.code, 'section-missing');
    assert.equal(labNotes?.severity, 2);
    const trustedInfo = await client.request<KnowledgeBaseInfo>(
      KNOWLEDGE_BASE_INFO_REQUEST,
      undefined,
    );
    assert.deepEqual(
      trustedInfo.sources.filter((s) => s.kind === 'stix-bundle').map((s) => s.name),
      ['custom.json'],
    );
    assert.deepEqual(trustedInfo.problems, []);
  });

  it('applies everything from the start when the editor says nothing about trust', async () => {
    client = await LspTestClient.start({
      workspaceFolders: [folder],
      settings: { attackNotes: { stixBundles: ['custom.json'] } },
    });
    await client.waitForIndex();
    const uri = fileUri(path.join(folder, 'techniques', 'JavaScript.md'));
    const published = client.waitForDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.message.includes('Lab Notes')),
    );
    await client.open(uri, NOTE);
    await published;
    assert.ok(
      !client.notifications.some(
        (n) => n.method.startsWith('window/') && JSON.stringify(n.params).includes('not trusted'),
      ),
    );
  });
});
