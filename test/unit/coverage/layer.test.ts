import { strict as assert } from 'node:assert';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import matter from 'gray-matter';
import { runLayer } from '../../../server/src/cli/layer';
import type { CheckIo } from '../../../server/src/cli/check';
import type { NavigatorLayer } from '../../../server/src/core/features/coverage/navigatorLayer';
import { repoRoot, sharedRoot } from '../support/memoryVault';
import { CUSTOM_BUNDLE } from '../../support/customBundle';
import { sharedCatalogKb, techniqueNote } from './support';

const EXAMPLES = path.join(repoRoot, 'examples', 'vault');
const GOLDEN = path.join(repoRoot, 'test', 'fixtures', 'coverage', 'examples-vault.layer.json');
const SCHEMA = path.join(repoRoot, 'test', 'fixtures', 'navigator-layer-4.5.schema.json');
const ENTERPRISE = path.join(sharedRoot, 'vaults', 'enterprise');

const validate = new Ajv({ allErrors: true }).compile<NavigatorLayer>(
  JSON.parse(readFileSync(SCHEMA, 'utf8')),
);

/** `attack-notes layer` in-process, with the bundled catalog. */
async function runLayerHere(args: string[], cwd = repoRoot) {
  let stdout = '';
  let stderr = '';
  const io: CheckIo = {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    loadKnowledgeBase: sharedCatalogKb,
  };
  const code = await runLayer(args, io);
  return { code, stdout, stderr };
}

/** Schema, then what a schema cannot say: tactics of the domain, gradient bounds. */
function assertValidLayer(layer: NavigatorLayer): void {
  assert.ok(validate(layer), JSON.stringify(validate.errors, null, 2));
  const domain = layer.domain.replace(/-attack$/, '') as 'enterprise' | 'ics' | 'mobile';
  const tactics = new Set(
    sharedCatalogKb()
      .all('tactic', domain)
      .map((t) => t.shortname),
  );
  for (const entry of layer.techniques) {
    assert.ok(
      tactics.has(entry.tactic),
      `${entry.techniqueID}: tactic '${entry.tactic}' of ${domain}`,
    );
    const technique = sharedCatalogKb().get(entry.techniqueID);
    assert.equal(technique?.type, 'technique', `${entry.techniqueID} is an ATT&CK technique`);
  }
  assert.ok(layer.gradient.maxValue > layer.gradient.minValue);
}

describe('attack-notes layer', function () {
  this.timeout(120_000);

  it('writes the layer of examples/vault as kept in the tests (golden), valid against the format', async () => {
    const result = await runLayerHere(['examples/vault']);
    const layer = JSON.parse(result.stdout) as NavigatorLayer;
    assertValidLayer(layer);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, result.stdout);
    // Compared as JSON: the kept file is formatted by Prettier like the rest of the repository.
    assert.deepEqual(layer, JSON.parse(readFileSync(GOLDEN, 'utf8')));
    assert.equal(layer.versions.attack, '18');
    // One entry per covered technique and tactic: Scheduled Task/Job has three tactics.
    assert.deepEqual(
      layer.techniques
        .filter((entry) => entry.techniqueID === 'T1053')
        .map((entry) => entry.tactic),
      ['execution', 'persistence', 'privilege-escalation'],
    );
    assert.match(result.stderr, /enterprise: 6 of 691 techniques have notes/);
    // examples/vault keeps a note with mistakes to show the rules: as check, exit 1.
    assert.equal(result.code, 1);
  });

  it('the schema refuses what the format refuses (it is not a rubber stamp)', async () => {
    const layer = JSON.parse(readFileSync(GOLDEN, 'utf8')) as NavigatorLayer;
    const broken = (change: (copy: NavigatorLayer) => void) => {
      const copy = structuredClone(layer);
      change(copy);
      return validate(copy);
    };
    const first = (copy: NavigatorLayer) => copy.techniques[0];
    assert.equal(validate(layer), true);
    assert.equal(
      broken((c) => Object.assign(first(c), { techniqueID: 't1053' })),
      false,
    );
    assert.equal(
      broken((c) => Object.assign(first(c), { techniqueID: 'T1053.5' })),
      false,
    );
    assert.equal(
      broken((c) => Object.assign(first(c), { tactic: 'Privilege Escalation' })),
      false,
    );
    assert.equal(
      broken((c) => Object.assign(first(c).metadata[0], { value: 1 })),
      false,
    );
    assert.equal(
      broken((c) => Object.assign(c.versions, { layer: '4.4' })),
      false,
    );
    assert.equal(
      broken((c) => Object.assign(c, { domain: 'enterprise' })),
      false,
    );
    assert.equal(
      broken((c) => Reflect.deleteProperty(c, 'name')),
      false,
    );
    assert.equal(
      broken((c) => Object.assign(c.gradient, { colors: ['#ffffff'] })),
      false,
    );
  });

  it('--score mitigations scores the share of mapped mitigations listed; --out writes a file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'attack-notes-layer-'));
    try {
      const out = path.join(folder, 'layer.json');
      const result = await runLayerHere([EXAMPLES, '--score', 'mitigations', '--out', out]);
      assert.equal(result.stdout, '');
      const layer = JSON.parse(readFileSync(out, 'utf8')) as NavigatorLayer;
      assertValidLayer(layer);
      assert.deepEqual(layer.gradient, { ...layer.gradient, minValue: 0, maxValue: 1 });
      for (const entry of layer.techniques) {
        const listed = entry.metadata.find((item) => item.name === 'mitigations listed')!.value;
        const [have, of] = listed.split(' of ').map(Number);
        assert.equal(entry.score, of === 0 ? 1 : Math.round((have / of) * 100) / 100);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves custom IDs of a --stix-bundle out, with a count; names the notes it does not count', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'attack-notes-layer-'));
    try {
      mkdirSync(path.join(work, 'vault', 'techniques'), { recursive: true });
      const write = (file: string, text: string) =>
        writeFileSync(path.join(work, 'vault', 'techniques', file), text);
      write(
        'Network Device CLI.md',
        techniqueNote('T1059.999', { tactics: ['Execution (TA0002)'] }),
      );
      write('Python.md', techniqueNote('T1059.006', { tactics: ['Execution (TA0002)'] }));
      write('PowerShell (old).md', techniqueNote('T1086', { tactics: ['Execution (TA0002)'] }));
      writeFileSync(path.join(work, 'custom.json'), CUSTOM_BUNDLE);
      // The knowledge base loaded as the real CLI loads it: the catalog and the bundle.
      let stdout = '';
      let stderr = '';
      const code = await runLayer(['vault', '--stix-bundle', 'custom.json'], {
        cwd: work,
        stdout: (text) => (stdout += text),
        stderr: (text) => (stderr += text),
      });
      const layer = JSON.parse(stdout) as NavigatorLayer;
      assertValidLayer(layer);
      assert.deepEqual(
        [...new Set(layer.techniques.map((entry) => entry.techniqueID))],
        ['T1059.006'],
      );
      assert.match(stderr, /: 2 of 692 techniques have notes/);
      assert.match(
        stderr,
        /1 covered technique has a custom ID \(user bundle or vault only\), left out of the layer/,
      );
      assert.match(
        stderr,
        /not counted: techniques\/PowerShell \(old\)\.md is the note of T1086, revoked, replaced by T1059\.001/,
      );
      assert.match(stderr, /2 sub-technique note\(s\) without a note of the parent technique/);
      assert.equal(code, 0, stderr);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('says what is wrong with the command line and exits 2', async () => {
    for (const args of [
      [],
      ['examples/vault', '--domain', 'pre'],
      ['examples/vault', '--score', 'high'],
      ['examples/vault', 'README.md'],
      ['no/such/vault'],
      ['README.md'],
      ['examples/vault', '--out', path.join(repoRoot, 'no', 'such', 'folder', 'layer.json')],
    ]) {
      const result = await runLayerHere(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^attack-notes layer: \S/, args.join(' '));
      assert.equal(result.stdout, '');
    }
    const help = await runLayerHere(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Upload from local/);
  });

  const enterpriseTitle =
    'the layer of the shared enterprise vault: valid, one technique per technique note';
  if (!existsSync(ENTERPRISE)) {
    it(
      `${enterpriseTitle} — skipped: needs ${ENTERPRISE}, kept beside the repository and absent here`,
    );
  } else {
    it(enterpriseTitle, async () => {
      const result = await runLayerHere([ENTERPRISE]);
      assert.equal(result.code, 0, result.stderr);
      const layer = JSON.parse(result.stdout) as NavigatorLayer;
      assertValidLayer(layer);
      // Technique notes counted from the files themselves: front matter ID of a technique.
      const noteIds: string[] = [];
      const walk = (folder: string) => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const file = path.join(folder, entry.name);
          if (entry.isDirectory()) walk(file);
          else if (entry.name.endsWith('.md')) {
            const alias = String(matter(readFileSync(file, 'utf8')).data.alias ?? '');
            if (/^T\d{4}(\.\d{3})?$/.test(alias)) noteIds.push(alias);
          }
        }
      };
      walk(ENTERPRISE);
      const layerIds = new Set(layer.techniques.map((entry) => entry.techniqueID));
      assert.equal(layerIds.size, noteIds.length);
      assert.deepEqual([...layerIds].sort(), [...noteIds].sort());
    });
  }
});
