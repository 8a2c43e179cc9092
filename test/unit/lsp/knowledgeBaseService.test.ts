import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import type { BundleProblem } from '../../../server/src/core/kb/userBundles';
import { KnowledgeBaseService } from '../../../server/src/lsp/knowledgeBaseService';
import { catalogLayerForTests } from '../kb/attackData';

function bundleWith(id: string, name: string): string {
  return JSON.stringify({
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      {
        type: 'course-of-action',
        id: `course-of-action--${id}`,
        name,
        external_references: [{ source_name: 'mitre-attack', external_id: id }],
      },
    ],
  });
}

/** Resolves when `predicate` holds, polling; fails after `ms`. */
async function eventually(predicate: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('KnowledgeBaseService', function () {
  this.timeout(20_000);
  let folder: string;
  let service: KnowledgeBaseService;
  let changes: AttackKnowledgeBase[];
  let reported: BundleProblem[];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'kb-service-'));
    changes = [];
    reported = [];
    service = new KnowledgeBaseService({
      loadCatalog: catalogLayerForTests,
      onChange: (kb) => changes.push(kb),
      onProblems: (problems) => reported.push(...problems),
      debounceMs: 30,
    });
  });
  afterEach(() => {
    service.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('loads bundles from the setting and reloads when a bundle file changes', async () => {
    writeFileSync(join(folder, 'custom.json'), bundleWith('M9001', 'First Name'));
    await service.configure({ paths: ['custom.json'], workspaceFolders: [folder], trusted: true });
    assert.equal(service.current.get('M9001')?.name, 'First Name');
    assert.equal(changes.length, 1);
    writeFileSync(join(folder, 'custom.json'), bundleWith('M9001', 'Second Name'));
    await eventually(() => service.current.get('M9001')?.name === 'Second Name');
    assert.equal(service.info().sources.length, 2);
  });

  it('keeps the catalog’s knowledge base when settings name no bundle: no rebuild, no change', async () => {
    const before = service.current;
    const problems = await service.configure({
      paths: [],
      workspaceFolders: [folder],
      trusted: true,
    });
    assert.deepEqual(problems, []);
    assert.equal(service.current, before);
    assert.equal(changes.length, 0);
    // A bundle, then none again: both are changes.
    writeFileSync(join(folder, 'custom.json'), bundleWith('M9001', 'Bundle'));
    await service.configure({ paths: ['custom.json'], workspaceFolders: [folder], trusted: true });
    await service.configure({ paths: [], workspaceFolders: [folder], trusted: true });
    assert.equal(changes.length, 2);
    assert.equal(service.current.get('M9001'), undefined);
  });

  it('reports a broken bundle once, keeps the rest, and recovers when it is fixed', async () => {
    writeFileSync(join(folder, 'broken.json'), '{ nope');
    const problems = await service.configure({
      paths: ['broken.json'],
      workspaceFolders: [folder],
      trusted: true,
    });
    assert.equal(problems.length, 1);
    assert.match(reported[0].message, /"broken\.json" is not valid JSON/);
    assert.deepEqual(service.info().problems, [reported[0].message]);
    assert.equal(service.current.get('T1059.006')?.name, 'Python');
    await service.reload();
    assert.equal(reported.length, 1, 'the same problem is not shown again');
    writeFileSync(join(folder, 'broken.json'), bundleWith('M9002', 'Fixed'));
    await eventually(() => service.current.get('M9002') !== undefined);
    assert.deepEqual(service.info().problems, []);
  });

  it('adds vault definitions without reloading bundles, and keeps them across reloads', async () => {
    service.setVaultDefinitions([{ id: 'M9100', name: 'Vault Only', uri: 'file:///v/M9100.md' }]);
    assert.equal(service.current.get('M9100')?.definitionUri, 'file:///v/M9100.md');
    writeFileSync(join(folder, 'custom.json'), bundleWith('M9001', 'Bundle'));
    await service.configure({ paths: ['custom.json'], workspaceFolders: [folder], trusted: true });
    assert.ok(service.current.get('M9100') && service.current.get('M9001'));
    assert.deepEqual(
      service.info().sources.map((s) => s.kind),
      ['catalog', 'stix-bundle', 'vault'],
    );
    assert.equal(service.info().attackVersion, '18.1');
    assert.equal(service.info().released, '2025-11-13');
  });

  it('leaves workspace bundles unloaded until the workspace is trusted', async () => {
    writeFileSync(join(folder, 'custom.json'), bundleWith('M9001', 'Trusted Only'));
    await service.configure({ paths: ['custom.json'], workspaceFolders: [folder], trusted: false });
    assert.equal(service.current.get('M9001'), undefined);
    assert.match(reported[0].message, /not trusted/);
    await service.setTrusted(true);
    assert.equal(service.current.get('M9001')?.name, 'Trusted Only');
  });
});
