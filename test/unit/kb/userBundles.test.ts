import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import { loadKnowledgeBase } from '../../../server/src/core/kb/loadKnowledgeBase';
import { readStixBundle } from '../../../server/src/core/kb/stix';
import { loadUserBundles, type BundleSettings } from '../../../server/src/core/kb/userBundles';
import { catalogLayerForTests } from './attackData';

/** The STIX ID ATT&CK gives T1059.006 (the catalog's companion file lists it too). */
const PYTHON_STIX_ID = 'attack-pattern--cc3502b5-30cc-4473-ad48-42d51a6ef6d1';

const MARKING = 'marking-definition--fa42a846-8d90-4e51-bc29-71d5b4802168';

/** A STIX 2.1 collection as ATT&CK Workbench exports it, with the organisation's own objects. */
function workbenchBundle(): object {
  const common = {
    spec_version: '2.1',
    created: '2025-01-01T00:00:00.000Z',
    modified: '2025-06-01T00:00:00.000Z',
    object_marking_refs: [MARKING],
  };
  const ref = (id: string, kind: string) => ({
    source_name: 'mitre-attack',
    external_id: id,
    url: `https://attack.example.com/${kind}/${id}`,
  });
  return {
    type: 'bundle',
    id: 'bundle--0d1c5d9e-0000-4000-8000-000000000001',
    objects: [
      {
        ...common,
        type: 'x-mitre-collection',
        id: 'x-mitre-collection--0d1c5d9e-0000-4000-8000-000000000002',
        name: 'ACME extensions',
        x_mitre_version: '1.2',
      },
      {
        ...common,
        type: 'course-of-action',
        id: 'course-of-action--0d1c5d9e-0000-4000-8000-000000000003',
        name: 'Signed Script Policy',
        external_references: [ref('M9001', 'mitigations')],
        x_mitre_domains: ['enterprise-attack'],
      },
      {
        ...common,
        type: 'attack-pattern',
        id: 'attack-pattern--0d1c5d9e-0000-4000-8000-000000000004',
        name: 'Build Pipeline Script Injection',
        external_references: [ref('T9001', 'techniques')],
        kill_chain_phases: [{ kill_chain_name: 'mitre-attack', phase_name: 'execution' }],
        x_mitre_platforms: ['Linux'],
        x_mitre_domains: ['enterprise-attack'],
        x_mitre_is_subtechnique: false,
      },
      {
        ...common,
        type: 'course-of-action',
        id: 'course-of-action--0d1c5d9e-0000-4000-8000-000000000005',
        name: 'Limit Software Installation (ACME)',
        external_references: [ref('M1033', 'mitigations')],
        x_mitre_domains: ['enterprise-attack'],
      },
      {
        ...common,
        type: 'relationship',
        id: 'relationship--0d1c5d9e-0000-4000-8000-000000000006',
        relationship_type: 'mitigates',
        source_ref: 'course-of-action--0d1c5d9e-0000-4000-8000-000000000003',
        target_ref: 'attack-pattern--0d1c5d9e-0000-4000-8000-000000000004',
      },
      {
        ...common,
        type: 'relationship',
        id: 'relationship--0d1c5d9e-0000-4000-8000-000000000007',
        relationship_type: 'mitigates',
        source_ref: 'course-of-action--0d1c5d9e-0000-4000-8000-000000000003',
        target_ref: PYTHON_STIX_ID,
      },
      // Fails validation (no name): skipped and counted, never fatal.
      {
        ...common,
        type: 'attack-pattern',
        id: 'attack-pattern--0d1c5d9e-0000-4000-8000-000000000008',
        external_references: [ref('T9002', 'techniques')],
      },
    ],
  };
}

describe('kb user bundles', function () {
  this.timeout(60_000);
  let workspace: string;
  let outside: string;
  const catalog = catalogLayerForTests();

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'kb-workspace-'));
    outside = mkdtempSync(join(tmpdir(), 'kb-outside-'));
    mkdirSync(join(workspace, 'stix'));
    writeFileSync(join(workspace, 'stix', 'acme.json'), JSON.stringify(workbenchBundle()));
    writeFileSync(join(workspace, 'stix', 'broken.json'), '{"type": "bundle", "objects": [');
    writeFileSync(join(workspace, 'stix', 'not-a-bundle.json'), '{"hello": "world"}');
  });
  afterEach(() => {
    rmSync(workspace, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  const settings = (paths: string[], trusted = true): BundleSettings => ({
    paths,
    workspaceFolders: [workspace],
    trusted,
  });

  it('loads a Workbench-style bundle whose custom IDs then resolve', async () => {
    // The bundle's relationship points at ATT&CK's own object by its STIX ID.
    assert.equal(catalog.findByStixId(PYTHON_STIX_ID)?.id, 'T1059.006');
    const loaded = await loadUserBundles(settings(['stix/acme.json']), [catalog]);
    const kb = AttackKnowledgeBase.fromLayers([catalog, ...loaded.layers]);
    assert.equal(kb.get('M9001')?.name, 'Signed Script Policy');
    assert.equal(kb.get('M9001')?.source, 'ACME extensions');
    const technique = kb.resolve('t9001')?.object;
    assert.equal(technique?.name, 'Build Pipeline Script Injection');
    assert.deepEqual(technique?.tactics, ['TA0002'], 'custom technique in an official tactic');
    assert.deepEqual(kb.mitigationsOf('T9001'), ['M9001']);
    assert.deepEqual(kb.mitigationsOf('T1059.006'), ['M1033', 'M1038', 'M1047', 'M1049', 'M9001']);
    assert.equal(kb.get('M1033')?.name, 'Limit Software Installation (ACME)', 'bundles override');
    assert.equal(kb.attackVersion, '18.1');
    const source = kb.sources.find((s) => s.kind === 'stix-bundle');
    assert.deepEqual(
      {
        name: source?.name,
        version: source?.version,
        counts: source?.counts,
        skipped: source?.skipped,
      },
      {
        name: 'ACME extensions',
        version: '1.2',
        counts: { mitigation: 2, technique: 1 },
        skipped: 1,
      },
    );
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0].severity, 'warning');
    assert.match(loaded.problems[0].message, /1 invalid object\(s\) skipped/);
  });

  it('reports a broken, a missing and a non-bundle file clearly and changes nothing else', async () => {
    const good = await loadUserBundles(settings(['stix/acme.json']), [catalog]);
    const mixed = await loadUserBundles(
      settings([
        'stix/broken.json',
        'stix/acme.json',
        'stix/missing.json',
        'stix/not-a-bundle.json',
      ]),
      [catalog],
    );
    const errors = mixed.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    assert.equal(errors.length, 3);
    assert.match(errors[0], /"stix\/broken\.json" is not valid JSON/);
    assert.match(errors[1], /"stix\/missing\.json" could not be read .*the file does not exist/);
    assert.match(errors[2], /"stix\/not-a-bundle\.json" is invalid: not a STIX bundle/);
    const expected = AttackKnowledgeBase.fromLayers([catalog, ...good.layers]);
    const actual = AttackKnowledgeBase.fromLayers([catalog, ...mixed.layers]);
    assert.deepEqual(actual.sources, expected.sources);
    for (const id of ['M9001', 'T9001', 'M1033', 'T1059.006', 'TA0002']) {
      assert.deepEqual(actual.get(id), expected.get(id), id);
    }
    assert.deepEqual(actual.mitigationsOf('T1059.006'), expected.mitigationsOf('T1059.006'));
  });

  it('loads no bundle in an untrusted workspace, inside it or outside, and says so in one line', async () => {
    const outsidePath = join(outside, 'acme.json');
    writeFileSync(outsidePath, JSON.stringify(workbenchBundle()));
    const inside = join(workspace, 'stix', 'acme.json');
    const loaded = await loadUserBundles(settings(['stix/acme.json', inside, outsidePath], false), [
      catalog,
    ]);
    assert.deepEqual(loaded.layers, []);
    assert.deepEqual(loaded.watched, [], 'nothing is read or watched either');
    assert.deepEqual(
      loaded.problems.map((p) => [p.severity, p.message]),
      [
        [
          'warning',
          `3 STIX bundles "stix/acme.json", "${inside}", "${outsidePath}" not loaded: the workspace ` +
            'is not trusted (trust it to load attackNotes.stixBundles).',
        ],
      ],
    );
    // Trusted, the same setting loads all three.
    const trusted = await loadUserBundles(settings(['stix/acme.json', inside, outsidePath]), [
      catalog,
    ]);
    assert.equal(trusted.layers.length, 3);
  });

  it('says nothing about trust when no bundle is set', async () => {
    const loaded = await loadUserBundles(settings(['', '  '], false), [catalog]);
    assert.deepEqual(loaded, { layers: [], problems: [], watched: [] });
  });

  it('reads STIX 2.0 and 2.1 alike and counts invalid objects instead of failing', () => {
    const result = readStixBundle({
      type: 'bundle',
      objects: [
        null,
        { type: 'attack-pattern' },
        { type: 'x-mitre-tactic', id: 'x-mitre-tactic--1', name: 'No ID' },
        { type: 'identity', id: 'identity--1', name: 'ignored, not an ATT&CK object' },
        { type: 'relationship', id: 'relationship--1', relationship_type: 'mitigates' },
      ],
    });
    assert.equal(result.objects.length, 0);
    assert.equal(result.skipped, 4);
    assert.throws(() => readStixBundle([]), /not a STIX bundle/);
  });

  it('keeps the latest version when a bundle holds several versions of one object', () => {
    const version = (name: string, modified: string) => ({
      type: 'course-of-action',
      id: 'course-of-action--versions',
      spec_version: '2.1',
      name,
      modified,
      external_references: [{ source_name: 'mitre-attack', external_id: 'M9005' }],
    });
    const result = readStixBundle({
      type: 'bundle',
      objects: [
        version('Newest', '2025-03-01T00:00:00Z'),
        version('Older', '2024-01-01T00:00:00Z'),
      ],
    });
    assert.deepEqual(
      result.objects.map((o) => o.name),
      ['Newest'],
    );
  });
});

describe('kb loadKnowledgeBase (for the CLI)', () => {
  it('loads the catalog and bundles relative to a folder, reporting missing files', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kb-cli-'));
    try {
      writeFileSync(join(folder, 'acme.json'), JSON.stringify(workbenchBundle()));
      const { kb, problems } = await loadKnowledgeBase({
        bundles: ['acme.json', 'gone.json'],
        baseDir: folder,
      });
      assert.equal(kb.get('M9001')?.name, 'Signed Script Policy');
      assert.equal(kb.get('TA0002')?.name, 'Execution');
      assert.ok(problems.some((p) => /"gone\.json" could not be read/.test(p.message)));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
