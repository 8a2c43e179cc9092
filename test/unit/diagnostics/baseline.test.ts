import { strict as assert } from 'node:assert';
import { GROUP_PATH, KB_PYTHON_PATH, PYTHON_PATH, kbVault, seedVault } from './fixtures';
import { brief, diagnose } from './support';

describe('diagnostics: clean notes stay quiet', function () {
  it('the seed-format technique has no findings, even with every rule on', function () {
    const all = { 'reference-unused': 'warning' };
    assert.deepEqual(diagnose(seedVault(), PYTHON_PATH, all).map(brief), []);
  });

  it('a group whose alias holds names (even one like TA422) has no findings', function () {
    assert.deepEqual(
      diagnose(seedVault(), GROUP_PATH, { 'reference-unused': 'warning' }).map(brief),
      [],
    );
  });

  it('a kb-dialect technique has no findings: footnotes, front matter facts, copied citations', function () {
    assert.deepEqual(diagnose(kbVault(), KB_PYTHON_PATH).map(brief), []);
  });
});
