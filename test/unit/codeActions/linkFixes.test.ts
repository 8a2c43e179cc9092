import { strict as assert } from 'node:assert';
import { GROUP, GROUP_PATH, PYTHON, PYTHON_PATH, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { applyAndRecheck, check, fixesOf, onlyOf } from './support';

/** The fixes of the one diagnostic of `code` in the note at `vaultPath`, as titles, plus the setup. */
function fixesFor(files: Record<string, string>, vaultPath: string, code: string) {
  const checked = check(files, vaultPath);
  const diagnostic = onlyOf(checked, code);
  const fixes = fixesOf(checked, diagnostic);
  return { checked, diagnostic, fixes, titles: fixes.map((f) => f.title) };
}

const LAYOUTS = [
  ['LF', '\n', ''],
  ['CRLF with a BOM', '\r\n', '\uFEFF'],
] as const;

describe('fixes: link-broken (repoint at a close match)', function () {
  for (const [label, lineBreak, bom] of LAYOUTS) {
    it(`offers the close note name first and rewrites only the target (${label})`, function () {
      const clean = bom + PYTHON.replace(/\n/g, lineBreak);
      const broken = edit(clean, '[[Execution]]', '[[Executon]]');
      const files = seedVault({ [PYTHON_PATH]: broken });
      const { checked, diagnostic, fixes, titles } = fixesFor(files, PYTHON_PATH, 'link-broken');
      assert.deepEqual(titles, [
        'Change the link to [[Execution]] (tactics/Execution.md)',
        "Create the note 'techniques/Executon.md'",
      ]);
      assert.deepEqual(
        fixes.map((f) => f.unambiguous),
        [false, false],
      );
      const { text, after } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
      assert.equal(text, clean);
      assert.deepEqual(after.diagnostics, []);
    });
  }

  it('keeps a vault-path link a vault path, and its .md, #heading and alias as written', function () {
    const right = edit(PYTHON, '[[Audit\\|M1047]]', '[[mitigations/Audit.md#Overview\\|M1047]]');
    const broken = edit(right, 'mitigations/Audit.md#', 'mitigations/Audti.md#');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes, titles } = fixesFor(files, PYTHON_PATH, 'link-broken');
    assert.equal(titles[0], 'Change the link to [[mitigations/Audit.md]]');
    const { text } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    assert.equal(text, right);
  });

  it('offers the note that defines the ID of the link alias, however far its name is', function () {
    const broken = edit(PYTHON, '[[Audit\\|M1047]]', '[[Inventory Review\\|M1047]]');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes, titles } = fixesFor(files, PYTHON_PATH, 'link-broken');
    // No "create": the vault already has the note of M1047, and a second one would be a duplicate.
    assert.deepEqual(titles, ['Change the link to [[Audit]] (mitigations/Audit.md)']);
    const { text, after } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    assert.equal(text, PYTHON);
    assert.deepEqual(after.diagnostics, []);
  });

  it("matches a note's front matter alias (a link written as the ID)", function () {
    const broken = edit(GROUP, '[[Python\\|T1059.006]]', '[[T1059.006\\|T1059.006]]');
    const files = seedVault({ [GROUP_PATH]: broken });
    const { checked, diagnostic, fixes, titles } = fixesFor(files, GROUP_PATH, 'link-broken');
    assert.deepEqual(titles, ['Change the link to [[Python]] (techniques/Python.md)']);
    const { text } = applyAndRecheck(files, GROUP_PATH, checked, diagnostic, fixes[0]);
    assert.equal(text, GROUP);
  });

  it('offers several close names, nearest first, each written as its shortest unambiguous target', function () {
    const files = seedVault({
      [PYTHON_PATH]: edit(PYTHON, 'for execution.', 'for execution. See [[Audits]].'),
      'archive/Audit.md': '# Old audit notes\n',
      'notes/Audit Log.md': '# Audit log\n',
    });
    const { titles } = fixesFor(files, PYTHON_PATH, 'link-broken');
    assert.deepEqual(titles, [
      'Change the link to [[archive/Audit]]',
      'Change the link to [[mitigations/Audit]]',
      "Create the note 'techniques/Audits.md'",
    ]);
  });

  it('offers nothing once the link resolves (a stale diagnostic)', function () {
    const broken = edit(PYTHON, '[[Execution]]', '[[Executon]]');
    const stale = check(seedVault({ [PYTHON_PATH]: broken }), PYTHON_PATH);
    const diagnostic = onlyOf(stale, 'link-broken');
    const now = check(seedVault({ [PYTHON_PATH]: broken, 'tactics/Executon.md': '' }), PYTHON_PATH);
    assert.deepEqual(fixesOf(now, diagnostic), []);
  });
});

describe('fixes: link-ambiguous', function () {
  for (const [label, lineBreak, bom] of LAYOUTS) {
    it(`offers each candidate as its shortest unambiguous target (${label})`, function () {
      const clean = bom + PYTHON.replace(/\n/g, lineBreak);
      const files = seedVault({ [PYTHON_PATH]: clean, 'archive/Audit.md': '# Old audit notes\n' });
      const { checked, diagnostic, fixes, titles } = fixesFor(files, PYTHON_PATH, 'link-ambiguous');
      assert.deepEqual(titles, [
        'Change the link to [[archive/Audit]]',
        'Change the link to [[mitigations/Audit]]',
      ]);
      const { text, after } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[1]);
      assert.equal(text, edit(clean, '[[Audit\\|M1047]]', '[[mitigations/Audit\\|M1047]]'));
      assert.deepEqual(after.diagnostics, []);
    });
  }

  it('writes as much of the path as it takes to name one note', function () {
    const files = seedVault({
      [PYTHON_PATH]: edit(PYTHON, '[[Execution]]', '[[Execution.md]]'),
      'a/tactics/Execution.md': '# A\n',
      'b/tactics/Execution.md': '# B\n',
    });
    const { titles } = fixesFor(files, PYTHON_PATH, 'link-ambiguous');
    assert.deepEqual(titles, [
      'Change the link to [[a/tactics/Execution.md]]',
      'Change the link to [[b/tactics/Execution.md]]',
      'Change the link to [[tactics/Execution.md]]',
    ]);
  });
});
