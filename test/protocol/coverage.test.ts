import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  COVERAGE_CHANGED_NOTIFICATION,
  COVERAGE_REQUEST,
  NAVIGATOR_LAYER_REQUEST,
  type CoverageResult,
  type NavigatorLayerResult,
} from '../../server/src/lsp/protocol/coverageRequest';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

const VAULT = path.join(repoRoot, 'examples', 'vault');
const GOLDEN = path.join(repoRoot, 'test', 'fixtures', 'coverage', 'examples-vault.layer.json');

describe('protocol: coverage', function () {
  this.timeout(60_000);
  let client: LspTestClient | undefined;

  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('answers the matrix and the layer of examples/vault; the layer is the CLI’s', async () => {
    client = await LspTestClient.start({ workspaceFolders: [VAULT] });
    await client.waitForIndex();

    const matrix = await client.request<CoverageResult>(COVERAGE_REQUEST, { domain: 'enterprise' });
    assert.equal(matrix.domain, 'enterprise');
    assert.equal(matrix.attackVersion, '18.1');
    assert.match(
      matrix.summary.text,
      /^6 of 691 techniques have notes; \d+% of mapped mitigations listed$/,
    );
    assert.equal(matrix.tactics.length, 14);
    const execution = matrix.tactics.find((tactic) => tactic.shortName === 'execution')!;
    const interpreter = execution.techniques.find((cell) => cell.id === 'T1059')!;
    assert.deepEqual(
      interpreter.notes.map((note) => note.uri),
      [fileUri(path.join(VAULT, 'techniques', 'Command and Scripting Interpreter.md'))],
    );
    const python = interpreter.subtechniques.find((sub) => sub.id === 'T1059.006')!;
    assert.equal(python.notes[0].vaultPath, 'techniques/Python.md');
    assert.equal(python.listedMitigations, python.mappedMitigations);
    const empty = interpreter.subtechniques.find((sub) => sub.id === 'T1059.003')!;
    assert.deepEqual(empty.notes, []);

    // The first answer does not wait for the notes' findings: they follow, then coverageChanged.
    if (matrix.summary.pendingNotes !== undefined) {
      assert.equal(matrix.summary.pendingNotes, matrix.summary.notes);
      await client.waitFor(COVERAGE_CHANGED_NOTIFICATION);
    }
    const complete = await client.request<CoverageResult>(COVERAGE_REQUEST, {});
    assert.equal(complete.summary.pendingNotes, undefined);
    const powershell = complete.tactics
      .find((tactic) => tactic.shortName === 'execution')!
      .techniques.find((cell) => cell.id === 'T1059')!
      .subtechniques.find((sub) => sub.id === 'T1059.001')!;
    // examples/vault/README.md lists PowerShell.md's deliberate mistakes.
    assert.deepEqual(
      [powershell.errors, powershell.warnings, powershell.notes[0].pending],
      [1, 3, undefined],
    );

    const { layer, customLeftOut } = await client.request<NavigatorLayerResult>(
      NAVIGATOR_LAYER_REQUEST,
      { domain: 'enterprise', score: 'notes' },
    );
    assert.equal(customLeftOut, 0);
    assert.deepEqual(layer, JSON.parse(readFileSync(GOLDEN, 'utf8')));

    const ics = await client.request<CoverageResult>(COVERAGE_REQUEST, { domain: 'ics' });
    assert.equal(ics.summary.covered, 0);
    assert.equal(ics.tactics.length, 12);
  });

  it('tells the client when coverage changed and answers with the new note', async () => {
    client = await LspTestClient.start({ workspaceFolders: [VAULT] });
    await client.waitForIndex();
    const before = await client.request<CoverageResult>(COVERAGE_REQUEST, {});
    assert.equal(before.domain, 'enterprise', 'enterprise by default');

    // A note opened in the editor, not on disk: the vault folder stays as it is.
    const uri = fileUri(path.join(VAULT, 'techniques', 'Password Guessing.md'));
    const changed = client.waitForNext(COVERAGE_CHANGED_NOTIFICATION);
    await client.open(uri, '---\nalias: T1110.001\n---\n\n## T1110.001\n');
    await changed;
    const after = await client.request<CoverageResult>(COVERAGE_REQUEST, {});
    assert.equal(after.summary.covered, before.summary.covered + 1);
    const access = after.tactics.find((tactic) => tactic.shortName === 'credential-access')!;
    const guessing = access.techniques
      .find((cell) => cell.id === 'T1110')!
      .subtechniques.find((sub) => sub.id === 'T1110.001')!;
    assert.deepEqual(
      guessing.notes.map((note) => note.uri),
      [uri],
    );
    assert.equal(guessing.parentWithoutNote, false);
  });
});
