import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  insertMitigationRows,
  mitigationCandidates,
} from '../../../server/src/core/features/codeActions/mitigationRows';
import { applyTextEdits } from '../../../server/src/core/text/applyEdits';
import {
  KB_PYTHON,
  KB_PYTHON_PATH,
  kbVault,
  PYTHON,
  PYTHON_PATH,
  seedVault,
} from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { sharedRoot } from '../support/memoryVault';
import { applyAndRecheck, check, fixesOf, onlyOf } from './support';

const ROWS = {
  M1033:
    '| [[Limit Software Installation\\|M1033]] | Limit Software Installation | Prevent installs. |',
  M1038: '| [[Execution Prevention\\|M1038]] | Execution Prevention | Denylist Python. |',
  M1047: '| [[Audit\\|M1047]] | Audit | Inventory systems. |',
  M1049: '| [[Antivirus／Antimalware\\|M1049]] | Antivirus／Antimalware | Quarantine files. |',
};
const EMPTY_ROWS = {
  M1033: '| [[Limit Software Installation\\|M1033]] | Limit Software Installation |  |',
  M1038: '| [[Execution Prevention\\|M1038]] | Execution Prevention |  |',
  M1047: '| [[Audit\\|M1047]] | Audit |  |',
  M1049: '| [[Antivirus／Antimalware\\|M1049]] | Antivirus/Antimalware |  |',
};

function without(text: string, ...rows: string[]): string {
  return rows.reduce((result, row) => edit(result, `${row}\n`, ''), text);
}

describe('fixes: mitigation-missing', function () {
  it('one missing row: one action, inserted in ID order among the rows', function () {
    const broken = without(PYTHON, ROWS.M1047);
    const files = seedVault({ [PYTHON_PATH]: broken });
    const checked = check(files, PYTHON_PATH);
    const diagnostic = onlyOf(checked, 'mitigation-missing');
    const fixes = fixesOf(checked, diagnostic);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous, f.isPreferred, f.edits.length]),
      [['Insert the mapped mitigation M1047 Audit', true, true, 1]],
    );
    const { text } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    // The table writes names with the full-width ／, so the new row would too; Audit has none.
    assert.equal(text, edit(PYTHON, ROWS.M1047, EMPTY_ROWS.M1047));
  });

  it('several missing rows: "insert all" (preferred, fix-all) in one edit, then one action each', function () {
    const broken = without(PYTHON, ROWS.M1033, ROWS.M1047);
    const files = seedVault({ [PYTHON_PATH]: broken });
    const checked = check(files, PYTHON_PATH);
    const diagnostic = onlyOf(checked, 'mitigation-missing');
    const fixes = fixesOf(checked, diagnostic);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous, f.isPreferred === true, f.edits.length]),
      [
        ['Insert all 2 mapped mitigations', true, true, 1],
        ['Insert the mapped mitigation M1033 Limit Software Installation', false, false, 1],
        ['Insert the mapped mitigation M1047 Audit', false, false, 1],
      ],
    );
    const all = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    assert.equal(
      all.text,
      edit(edit(PYTHON, ROWS.M1033, EMPTY_ROWS.M1033), ROWS.M1047, EMPTY_ROWS.M1047),
    );
    assert.deepEqual(all.after.diagnostics, []);
    const one = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[2], [
      'mitigation-missing',
    ]);
    assert.equal(one.text, edit(without(PYTHON, ROWS.M1033), ROWS.M1047, EMPTY_ROWS.M1047));
    assert.deepEqual(
      one.after.diagnostics.map((d) => d.message),
      [
        'ATT&CK 18.1 maps a mitigation to T1059.006 that the table lacks: M1033 (Limit Software Installation)',
      ],
    );
  });

  it('a Mitigations section without a table gets the table in the seed layout (CRLF, BOM)', function () {
    const table = [ROWS.M1033, ROWS.M1038, ROWS.M1047, ROWS.M1049];
    const header = '| ID | Name | Description |\n| --- | --- | --- |\n';
    const bare = edit(PYTHON, `${header}${table.join('\n')}\n`, '');
    const crlf = (text: string) => '\uFEFF' + text.replace(/\n/g, '\r\n');
    const files = seedVault({ [PYTHON_PATH]: crlf(bare) });
    const checked = check(files, PYTHON_PATH);
    const diagnostic = onlyOf(checked, 'mitigation-missing');
    const fix = fixesOf(checked, diagnostic)[0];
    assert.equal(fix.title, 'Insert all 4 mapped mitigations');
    const { text, after } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fix);
    const rows = [EMPTY_ROWS.M1033, EMPTY_ROWS.M1038, EMPTY_ROWS.M1047, EMPTY_ROWS.M1049];
    assert.equal(
      text,
      crlf(edit(bare, '### Mitigations\n\n', `### Mitigations\n\n${header}${rows.join('\n')}\n\n`)),
    );
    assert.deepEqual(after.diagnostics, []);
  });

  it('the kb dialect: vault-path links, in ID order', function () {
    const row =
      '| [[kb/mitre/attack/mitigations/M1047-Audit\\|M1047]] | Audit | Inventory systems. |';
    const broken = edit(KB_PYTHON, `${row}\n`, '');
    const files = kbVault({ [KB_PYTHON_PATH]: broken });
    const checked = check(files, KB_PYTHON_PATH);
    const diagnostic = onlyOf(checked, 'mitigation-missing');
    const { text } = applyAndRecheck(
      files,
      KB_PYTHON_PATH,
      checked,
      diagnostic,
      fixesOf(checked, diagnostic)[0],
    );
    assert.equal(
      text,
      edit(KB_PYTHON, row, '| [[kb/mitre/attack/mitigations/M1047-Audit\\|M1047]] | Audit |  |'),
    );
  });

  const seedFile = path.join(sharedRoot, 'seed', '000_8b64cf9aacfc1ce1.txt');
  it('the seed note with its table emptied gets the four rows in its own layout', function () {
    if (!existsSync(seedFile)) this.skip();
    const seed = readFileSync(seedFile, 'utf8');
    const folder =
      'CyberSecurity/Security+/1-Threats-Attacks-Vulnerabilities/Attacking-Frameworks/MITRE ATT&CK/ICS-Attack';
    const rowLines = seed.split('\n').filter((line) => line.startsWith('| [['));
    const emptied = without(seed, ...rowLines);
    const mitigation = (id: string) => `---\nalias: ${id}\n---\n\n## ${id}\n`;
    const files: Record<string, string> = {
      [`${folder}/techniques/Python.md`]: emptied,
      [`${folder}/tactics/Execution.md`]: '---\nalias: TA0002\n---\n\n## TA0002\n',
      [`${folder}/mitigations/Limit Software Installation.md`]: mitigation('M1033'),
      [`${folder}/mitigations/Execution Prevention.md`]: mitigation('M1038'),
      [`${folder}/mitigations/Audit.md`]: mitigation('M1047'),
      [`${folder}/mitigations/Antivirus／Antimalware.md`]: mitigation('M1049'),
    };
    const checked = check(files, `${folder}/techniques/Python.md`);
    const diagnostic = onlyOf(checked, 'mitigation-missing');
    const fix = fixesOf(checked, diagnostic)[0];
    const text = applyTextEdits(emptied, fix.edits);
    const link = (name: string, id: string) => `[[${folder}/mitigations/${name}\\|${id}]]`;
    const expected = [
      `| ${link('Limit Software Installation', 'M1033')} | Limit Software Installation |  |`,
      `| ${link('Execution Prevention', 'M1038')} | Execution Prevention |  |`,
      `| ${link('Audit', 'M1047')} | Audit |  |`,
      `| ${link('Antivirus／Antimalware', 'M1049')} | Antivirus/Antimalware |  |`,
    ];
    assert.equal(
      text,
      edit(emptied, '| --- | --- | --- |\n', `| --- | --- | --- |\n${expected.join('\n')}\n`),
    );
  });
});

describe('Insert Mitigation Row', function () {
  it('candidates: mapped ones first and marked, rows already in the table left out', function () {
    const files = seedVault({ [PYTHON_PATH]: without(PYTHON, ROWS.M1047) });
    const items = mitigationCandidates(check(files, PYTHON_PATH).context) ?? [];
    assert.deepEqual(items[0], { id: 'M1047', name: 'Audit', mapped: true });
    const ids = items.map((item) => item.id);
    for (const listed of ['M1033', 'M1038', 'M1049']) assert.ok(!ids.includes(listed));
    assert.ok(items.slice(1).every((item) => !item.mapped));
    assert.ok(ids.includes('M1050'), 'the domain’s other mitigations follow');
    assert.equal(new Set(ids).size, ids.length);
  });

  it('one row: the cursor lands in its Description cell; several rows go in ID order', function () {
    const { context } = check(seedVault(), PYTHON_PATH);
    const one = insertMitigationRows(context, ['m1050']);
    assert.ok(one);
    const text = applyTextEdits(PYTHON, one.edits);
    const row = '| [[Exploit Protection\\|M1050]] | Exploit Protection |  |';
    assert.equal(text, edit(PYTHON, ROWS.M1049, `${ROWS.M1049}\n${row}`));
    const line = text.split('\n')[one.cursor!.line];
    assert.equal(line, row);
    assert.equal(
      line.slice(0, one.cursor!.character),
      '| [[Exploit Protection\\|M1050]] | Exploit Protection | ',
    );

    const several = insertMitigationRows(context, ['M1050', 'M1018', 'M1047', 'M9999']);
    assert.ok(several);
    assert.deepEqual(several.ids, ['M1018', 'M1050']);
    assert.equal(several.cursor, undefined);
    assert.equal(several.edits.length, 1);
    const user = '| [[User Account Management\\|M1018]] | User Account Management |  |';
    assert.equal(
      applyTextEdits(PYTHON, several.edits),
      edit(
        edit(PYTHON, ROWS.M1033, `${ROWS.M1033}\n${user}`),
        ROWS.M1049,
        `${ROWS.M1049}\n${row}`,
      ).replace(`${ROWS.M1033}\n${user}`, `${user}\n${ROWS.M1033}`),
    );
  });

  it('a note without a Mitigations section gets one where the seed has it', function () {
    const table = [ROWS.M1033, ROWS.M1038, ROWS.M1047, ROWS.M1049].join('\n');
    const section = `### Mitigations\n\n| ID | Name | Description |\n| --- | --- | --- |\n${table}\n\n`;
    const bare = edit(PYTHON, section, '');
    const { context } = check(seedVault({ [PYTHON_PATH]: bare }), PYTHON_PATH);
    const inserted = insertMitigationRows(context, ['M1047']);
    assert.ok(inserted);
    const text = applyTextEdits(bare, inserted.edits);
    assert.equal(
      text,
      edit(
        bare,
        '### Permissions Required\n\n',
        `### Permissions Required\n\n### Mitigations\n\n| ID | Name | Description |\n| --- | --- | --- |\n${EMPTY_ROWS.M1047}\n\n`,
      ),
    );
    assert.equal(text.split('\n')[inserted.cursor!.line], EMPTY_ROWS.M1047);
  });

  it('is not offered outside technique notes', function () {
    const { context } = check(seedVault(), 'mitigations/Audit.md');
    assert.equal(mitigationCandidates(context), undefined);
    assert.equal(insertMitigationRows(context, ['M1047']), undefined);
  });
});

describe('fixes: mitigation-name-mismatch and mitigation-duplicate', function () {
  it('the Name cell becomes the ATT&CK name', function () {
    const broken = edit(PYTHON, '| Audit | Inventory', '| Auditing | Inventory');
    const files = seedVault({ [PYTHON_PATH]: broken });
    const checked = check(files, PYTHON_PATH);
    const diagnostic = onlyOf(checked, 'mitigation-name-mismatch');
    const fixes = fixesOf(checked, diagnostic);
    assert.deepEqual(
      fixes.map((f) => [f.title, f.unambiguous]),
      [["Name M1047 'Audit', as ATT&CK does", true]],
    );
    const { text } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
    assert.equal(text, PYTHON);
  });

  it('a linked Name cell keeps its link; a table writing ／ gets ／', function () {
    const broken = edit(
      PYTHON,
      '| Antivirus／Antimalware | Quarantine',
      '| [[Antivirus／Antimalware\\|Antivirus]] | Quarantine',
    );
    const files = seedVault({ [PYTHON_PATH]: broken });
    const checked = check(files, PYTHON_PATH);
    const diagnostic = onlyOf(checked, 'mitigation-name-mismatch');
    const { text } = applyAndRecheck(
      files,
      PYTHON_PATH,
      checked,
      diagnostic,
      fixesOf(checked, diagnostic)[0],
    );
    assert.equal(
      text,
      edit(
        PYTHON,
        '| Antivirus／Antimalware | Quarantine',
        '| [[Antivirus／Antimalware\\|Antivirus／Antimalware]] | Quarantine',
      ),
    );
  });

  for (const [label, lineBreak] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const) {
    it(`deletes a duplicate row, line break and all (${label})`, function () {
      const clean = PYTHON.replace(/\n/g, lineBreak);
      const broken = edit(clean, ROWS.M1047, `${ROWS.M1047}${lineBreak}${ROWS.M1047}`);
      const files = seedVault({ [PYTHON_PATH]: broken });
      const checked = check(files, PYTHON_PATH);
      const diagnostic = onlyOf(checked, 'mitigation-duplicate');
      const fixes = fixesOf(checked, diagnostic);
      assert.deepEqual(
        fixes.map((f) => [f.title, f.unambiguous]),
        [['Delete the duplicate row (line 26 has it)', true]],
      );
      const { text } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
      assert.equal(text, clean);
    });
  }

  it('a duplicate with its own description is deleted only by choice', function () {
    const broken = edit(PYTHON, ROWS.M1049, `${ROWS.M1049}\n| [[Audit\\|M1047]] | Audit | Mine. |`);
    const checked = check(seedVault({ [PYTHON_PATH]: broken }), PYTHON_PATH);
    const fixes = fixesOf(checked, onlyOf(checked, 'mitigation-duplicate'));
    assert.deepEqual(
      fixes.map((f) => f.unambiguous),
      [false],
    );
    assert.equal(applyTextEdits(broken, fixes[0].edits), PYTHON);
  });
});
