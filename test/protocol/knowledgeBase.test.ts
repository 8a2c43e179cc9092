import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  KNOWLEDGE_BASE_CHANGED_NOTIFICATION,
  KNOWLEDGE_BASE_INFO_REQUEST,
  type KnowledgeBaseInfo,
} from '../../server/src/lsp/protocol';
import { LspTestClient } from './support/lspTestClient';

const customBundle = {
  type: 'bundle',
  id: 'bundle--custom',
  objects: [
    {
      type: 'course-of-action',
      id: 'course-of-action--custom-1',
      spec_version: '2.1',
      name: 'Signed Script Policy',
      external_references: [{ source_name: 'mitre-attack', external_id: 'M9001' }],
    },
  ],
};

interface ShownMessage {
  type: number;
  message: string;
}

describe('protocol: knowledge base', function () {
  this.timeout(30_000);
  let folder: string;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-kb-'));
    writeFileSync(path.join(folder, 'custom.json'), JSON.stringify(customBundle));
    writeFileSync(path.join(folder, 'M9100.md'), '# M9100 Company Review Board\n');
  });
  afterEach(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const start = (trusted?: boolean) =>
    LspTestClient.start({
      workspaceFolders: [folder],
      settings: { attackNotes: { stixBundles: ['custom.json', 'missing.json'] } },
      initializationOptions: trusted === undefined ? undefined : { workspaceTrusted: trusted },
    });

  it('loads the setting’s bundles and the vault’s IDs, and describes its sources', async () => {
    client = await start();
    // The vault's IDs and the bundle arrive in either order (the bundle loads beside the index).
    await client.waitFor<KnowledgeBaseInfo>(
      KNOWLEDGE_BASE_CHANGED_NOTIFICATION,
      (info) =>
        info.sources.some((s) => s.kind === 'vault') &&
        info.sources.some((s) => s.kind === 'stix-bundle'),
    );
    const info = (await client.connection.sendRequest(
      KNOWLEDGE_BASE_INFO_REQUEST,
    )) as KnowledgeBaseInfo;
    assert.equal(info.attackVersion, '18.1');
    assert.deepEqual(
      info.sources.map((s) => [s.kind, s.name, s.counts.mitigation]),
      [
        ['catalog', 'ATT&CK v18.1', info.sources[0].counts.mitigation],
        ['stix-bundle', 'custom.json', 1],
        ['vault', 'Vault notes', 1],
      ],
    );
    assert.ok((info.sources[0].counts.technique ?? 0) > 800);
    assert.equal(info.problems.length, 1);
    const shown = await client.waitFor<ShownMessage>('window/showMessage', (m) =>
      m.message.includes('missing.json'),
    );
    assert.equal(shown.type, 1, 'an error message');
  });

  it('loads no bundle in an untrusted workspace, and says which', async () => {
    client = await start(false);
    const shown = await client.waitFor<ShownMessage>('window/showMessage', (m) =>
      m.message.includes('not trusted'),
    );
    assert.match(shown.message, /custom\.json/);
    const info = (await client.connection.sendRequest(
      KNOWLEDGE_BASE_INFO_REQUEST,
    )) as KnowledgeBaseInfo;
    assert.ok(!info.sources.some((s) => s.kind === 'stix-bundle'));
  });
});

describe('protocol: a vault from a newer ATT&CK', function () {
  this.timeout(30_000);
  let folder: string;
  let client: LspTestClient | undefined;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-newer-'));
    writeFileSync(
      path.join(folder, 'Query Public AI Services.md'),
      '---\nalias: T1682\n---\n\n## T1682\n',
    );
    writeFileSync(path.join(folder, 'Diskpart.md'), '---\nalias: S9002\n---\n\n## S9002\n');
  });
  afterEach(async () => {
    await client?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const NOTICE =
    '1 note defines IDs that ATT&CK 18.1 lacks (T1682); this vault looks newer than 18.1. ' +
    'Load the matching STIX bundle with `attackNotes.stixBundles` / `--stix-bundle`.';

  it('says so once in the log and in the knowledge base info; a bundle with the IDs ends it', async () => {
    // The client answers workspace/configuration from this object, so a change here is a change
    // of settings once the server is told.
    const settings = { attackNotes: { stixBundles: [] as string[] } };
    client = await LspTestClient.start({ workspaceFolders: [folder], settings });
    const info = await client.waitFor<KnowledgeBaseInfo>(
      KNOWLEDGE_BASE_CHANGED_NOTIFICATION,
      (next) => next.newerVault !== undefined,
    );
    assert.equal(info.newerVault, NOTICE);
    const logged = await client.waitFor<ShownMessage>('window/logMessage', (m) =>
      m.message.includes('looks newer'),
    );
    assert.deepEqual(logged, { type: 2, message: `ATT&CK Notes: ${NOTICE}` });

    const bundle = {
      type: 'bundle',
      id: 'bundle--newer',
      objects: [
        {
          type: 'attack-pattern',
          id: 'attack-pattern--newer-1',
          spec_version: '2.1',
          name: 'Query Public AI Services',
          external_references: [{ source_name: 'mitre-attack', external_id: 'T1682' }],
        },
      ],
    };
    writeFileSync(path.join(folder, 'newer.json'), JSON.stringify(bundle));
    settings.attackNotes.stixBundles = ['newer.json'];
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor<KnowledgeBaseInfo>(
      KNOWLEDGE_BASE_CHANGED_NOTIFICATION,
      (next) => next.sources.some((s) => s.kind === 'stix-bundle') && !next.newerVault,
    );
  });
});
