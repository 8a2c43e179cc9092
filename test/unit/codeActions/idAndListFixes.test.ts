import { strict as assert } from 'node:assert';
import {
  GROUP,
  GROUP_PATH,
  KB_PYTHON,
  KB_PYTHON_PATH,
  kbVault,
  PYTHON,
  PYTHON_PATH,
  seedVault,
} from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { applyTextEdits } from '../../../server/src/core/text/applyEdits';
import { applyAndRecheck, check, fixesOf, onlyOf } from './support';

/** Checks `text` at `path` of `files`, takes the one diagnostic of `code` and its fixes. */
function fixing(files: Record<string, string>, path: string, code: string) {
  const checked = check(files, path);
  const diagnostic = onlyOf(checked, code);
  return { checked, diagnostic, fixes: fixesOf(checked, diagnostic) };
}

const technique = (id: string) => `---\nalias: ${id}\n---\n\n## ${id}\n`;

describe('fixes: id-revoked and id-deprecated', function () {
  it('a revoked ID in a table row: the replacement ID, its note and its name', function () {
    const row = '| [[Data Compressed\\|T1002]] | Data Compressed | Zipped its loot. |';
    const broken = edit(
      GROUP,
      '| APT28 ran Python scripts. |\n',
      `| APT28 ran Python scripts. |\n${row}\n`,
    );
    const files = seedVault({
      [GROUP_PATH]: broken,
      'techniques/Archive Collected Data.md': technique('T1560'),
    });
    const { checked, diagnostic, fixes } = fixing(files, GROUP_PATH, 'id-revoked');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [['Replace T1002 with T1560 (Archive Collected Data)', true]],
    );
    const { text, after } = applyAndRecheck(files, GROUP_PATH, checked, diagnostic, fixes[0]);
    assert.equal(
      text,
      edit(
        broken,
        row,
        '| [[Archive Collected Data\\|T1560]] | Archive Collected Data | Zipped its loot. |',
      ),
    );
    assert.ok(!after.diagnostics.some((d) => d.code === 'link-broken'));
  });

  it('the note’s own revoked ID has no fix (it would become another object)', function () {
    const files = seedVault({ 'techniques/Data Compressed.md': technique('T1002') });
    const checked = check(files, 'techniques/Data Compressed.md');
    const revoked = checked.diagnostics.filter((d) => d.code === 'id-revoked');
    assert.equal(revoked.length, 1);
    assert.deepEqual(fixesOf(checked, revoked[0]), []);
  });
});

describe('fixes: heading-id-mismatch', function () {
  it('offers both sides; neither is applied by fix-all', function () {
    const broken = edit(PYTHON, '## T1059.006', '## T1059.005');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, PYTHON_PATH, 'heading-id-mismatch');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [
        ['Set the heading to T1059.006 (the front matter ID)', false],
        ['Set the front matter ID to T1059.005 (the heading)', false],
      ],
    );
    assert.equal(applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]).text, PYTHON);
    assert.equal(
      applyTextEdits(broken, fixes[1].edits),
      edit(broken, 'alias: T1059.006', 'alias: T1059.005'),
    );
  });
});

describe('fixes: tactic-id-mismatch', function () {
  it('the ID of the named tactic, or the name (the link) of the ID’s tactic', function () {
    const broken = edit(PYTHON, '- [[Execution]] (TA0002)', '- [[Execution]] (TA0003)');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, PYTHON_PATH, 'tactic-id-mismatch');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [
        ['Change the ID to TA0002 (Execution)', false],
        ['Change the name to Persistence (TA0003)', false],
      ],
    );
    assert.equal(applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]).text, PYTHON);
    assert.equal(
      applyTextEdits(broken, fixes[1].edits),
      edit(PYTHON, '- [[Execution]] (TA0002)', '- [[Persistence]] (TA0003)'),
    );
  });

  it('an aliased link keeps its target; the alias is the name', function () {
    const broken = edit(PYTHON, '- [[Execution]] (TA0002)', '- [[Execution|Execution]] (TA0003)');
    const { fixes } = fixing(
      seedVault({ [PYTHON_PATH]: broken }),
      PYTHON_PATH,
      'tactic-id-mismatch',
    );
    assert.equal(
      applyTextEdits(broken, fixes[1].edits),
      edit(PYTHON, '- [[Execution]] (TA0002)', '- [[Execution|Persistence]] (TA0003)'),
    );
  });
});

describe('fixes: platform-unknown', function () {
  it('the closest platform, as a choice', function () {
    const broken = edit(PYTHON, '- Linux\n', '- Linx\n');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, PYTHON_PATH, 'platform-unknown');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [["Change to 'Linux'", false]],
    );
    assert.equal(applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]).text, PYTHON);
  });

  it('a joined item becomes one item per platform, in the list’s indentation (CRLF)', function () {
    const clean = KB_PYTHON.replace(/\n/g, '\r\n');
    const broken = edit(
      clean,
      '     - ESXi\r\n     - Linux\r\n     - macOS\r\n     - Windows',
      '     - ESXi - Linux - macOS - Windows',
    );
    const files = kbVault({ [KB_PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, KB_PYTHON_PATH, 'platform-unknown');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [['Split into one item per platform: ESXi, Linux, macOS, Windows', true]],
    );
    assert.equal(applyAndRecheck(files, KB_PYTHON_PATH, checked, diagnostic, fixes[0]).text, clean);
  });
});

describe('fixes: attack-drift', function () {
  it('platforms: the list becomes ATT&CK’s, lines that are right kept as written', function () {
    const broken = edit(PYTHON, '- ESXi\n- Linux\n', '- linux\n- Containers\n');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, PYTHON_PATH, 'attack-drift');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [['Update the platforms from ATT&CK 18.1', true]],
    );
    const { text } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    assert.equal(text, edit(PYTHON, '- ESXi\n- Linux\n', '- ESXi\n- linux\n'));
  });

  it('tactics of a seed note: a line in the note’s link style', function () {
    const broken = edit(PYTHON, '- [[Execution]] (TA0002)', '- [[Persistence]] (TA0003)');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, PYTHON_PATH, 'attack-drift');
    const { text, after } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    assert.equal(text, PYTHON);
    assert.deepEqual(after.diagnostics, []);
  });

  it('tactics of a kb note: names in the front matter list', function () {
    const broken = edit(KB_PYTHON, 'tactic: \n     - Execution', 'tactic: \n     - Persistence');
    const files = kbVault({ [KB_PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, KB_PYTHON_PATH, 'attack-drift');
    assert.equal(
      applyAndRecheck(files, KB_PYTHON_PATH, checked, diagnostic, fixes[0]).text,
      KB_PYTHON,
    );
  });
});

describe('fixes: reference-attack-url', function () {
  for (const [label, from] of [
    ['a wrong URL', '- mitre-attack: https://attack.mitre.org/techniques/T1059/005'],
    ['no URL', '- mitre-attack'],
  ] as const) {
    it(`the note's own ATT&CK page (${label})`, function () {
      const broken = edit(
        PYTHON,
        '- mitre-attack: https://attack.mitre.org/techniques/T1059/006',
        from,
      );
      const files = seedVault({ [PYTHON_PATH]: broken });
      const { checked, diagnostic, fixes } = fixing(files, PYTHON_PATH, 'reference-attack-url');
      assert.deepEqual(
        fixes.map((f) => [f.title, f.unambiguous]),
        [
          [
            'Point the mitre-attack reference to https://attack.mitre.org/techniques/T1059/006',
            true,
          ],
        ],
      );
      assert.equal(applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]).text, PYTHON);
    });
  }
});

describe('fixes: id-malformed', function () {
  it('an ID that differs from ATT&CK’s only in case or separators is written as ATT&CK does', function () {
    const broken = edit(edit(PYTHON, '## T1059.006', '## t1059.006'), '\\|M1047]]', '\\|m-1047]]');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const checked = check(files, PYTHON_PATH);
    const malformed = checked.diagnostics.filter((d) => d.code === 'id-malformed');
    assert.equal(malformed.length, 2);
    const fixes = malformed.flatMap((d) => fixesOf(checked, d));
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [
        ['Write the ID as ATT&CK does: T1059.006', true],
        ['Write the ID as ATT&CK does: M1047', true],
      ],
    );
    const { text } = applyAndRecheck(files, PYTHON_PATH, checked, malformed[1], fixes[1]);
    assert.equal(text, edit(PYTHON, '## T1059.006', '## t1059.006'));
  });

  it('no fix where the meant ID is a guess', function () {
    const broken = edit(PYTHON, '## T1059.006', '## T1059.6');
    const checked = check(seedVault({ [PYTHON_PATH]: broken }), PYTHON_PATH);
    assert.deepEqual(fixesOf(checked, onlyOf(checked, 'id-malformed')), []);
  });
});

describe('fixes: id-unknown and link-heading-broken', function () {
  it('an unknown ID beside a known name: that name’s ID, as a choice', function () {
    const broken = edit(GROUP, '[[Python\\|T1059.006]]', '[[Python\\|T1999]]');
    const files = seedVault({ [GROUP_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, GROUP_PATH, 'id-unknown');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [['Change to T1059.006, the ID of Python', false]],
    );
    assert.equal(applyAndRecheck(files, GROUP_PATH, checked, diagnostic, fixes[0]).text, GROUP);
  });

  it('a misspelt #heading: the target’s close headings, as choices', function () {
    const linked = edit(
      PYTHON,
      'for execution.(Citation',
      'for execution, see [[Audit#Overview]].(Citation',
    );
    const broken = edit(linked, '[[Audit#Overview]]', '[[Audit#Overveiw]]');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const { checked, diagnostic, fixes } = fixing(files, PYTHON_PATH, 'link-heading-broken');
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [['Change the heading to #Overview', false]],
    );
    const { text, after } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    assert.equal(text, linked);
    assert.deepEqual(after.diagnostics, []);
  });

  it('no heading suggestion when none is close', function () {
    const broken = edit(
      PYTHON,
      'for execution.(Citation',
      'for execution, see [[Audit#Deployment]].(Citation',
    );
    const checked = check(seedVault({ [PYTHON_PATH]: broken }), PYTHON_PATH);
    assert.deepEqual(fixesOf(checked, onlyOf(checked, 'link-heading-broken')), []);
  });
});
