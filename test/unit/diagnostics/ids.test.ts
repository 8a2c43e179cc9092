import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  GROUP,
  GROUP_PATH,
  KB_PYTHON,
  KB_PYTHON_PATH,
  kbVault,
  PYTHON,
  PYTHON_PATH,
  seedVault,
} from './fixtures';
import { brief, diagnose, edit, ofCode, range, rangeOf } from './support';

describe('diagnostics: IDs', function () {
  it('frontmatter-invalid: YAML that does not parse, at the place the parser names', function () {
    const wrong = edit(PYTHON, 'alias: T1059.006', 'alias: [T1059.006');
    const found = diagnose(seedVault({ [PYTHON_PATH]: wrong }), PYTHON_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'frontmatter-invalid',
        severity: DiagnosticSeverity.Error,
        range: range(2, 0, 3),
        message:
          'The front matter is not valid YAML: unexpected end of the stream within a flow collection. Expected `key: value` lines between the `---` lines.',
      },
    ]);
  });

  it('id-malformed: a heading that is not ATT&CK ID syntax; quiet once corrected', function () {
    const wrong = edit(PYTHON, '## T1059.006', '## T1059.6');
    const found = diagnose(seedVault({ [PYTHON_PATH]: wrong }), PYTHON_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'id-malformed',
        severity: DiagnosticSeverity.Error,
        range: range(4, 3, 10),
        message:
          "'T1059.6' is not an ATT&CK ID: expected a prefix and four digits, such as T1059, T1059.006, TA0002 or M1033",
      },
    ]);
    assert.deepEqual(diagnose(seedVault(), PYTHON_PATH), []);
  });

  it('id-malformed: a lower-case front matter ID and an ID cell, with the likely fix', function () {
    let wrong = edit(PYTHON, 'alias: T1059.006', 'alias: t1059.006');
    wrong = edit(wrong, '[[Audit\\|M1047]]', '[[Audit\\|M-1047]]');
    const found = diagnose(seedVault({ [PYTHON_PATH]: wrong }), PYTHON_PATH).map(brief);
    assert.deepEqual(
      found.map((d) => [d.code, d.range, d.message]),
      [
        [
          'id-malformed',
          range(1, 7, 16),
          "'t1059.006' is not an ATT&CK ID: expected a prefix and four digits, such as T1059, T1059.006, TA0002 or M1033; did you mean T1059.006?",
        ],
        [
          'id-malformed',
          rangeOf(wrong, 'M-1047'),
          "'M-1047' is not an ATT&CK ID: expected a prefix and four digits, such as T1059, T1059.006, TA0002 or M1033; did you mean M1047?",
        ],
      ],
    );
  });

  it('id-unknown: a well-formed ID that neither ATT&CK nor a note defines', function () {
    const wrong = edit(GROUP, '| [[Python\\|T1059.006]] | Python |', '| T1999 | Python |');
    const found = diagnose(seedVault({ [GROUP_PATH]: wrong }), GROUP_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'id-unknown',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'T1999'),
        message:
          'T1999 is not defined by ATT&CK 18.1 or by any note of the vault; expected T1059.006, the ID of Python',
      },
    ]);
  });

  it('id-unknown: quiet for a custom ID that a note of the vault defines', function () {
    const custom = edit(
      GROUP,
      '| [[Python\\|T1059.006]] | Python |',
      '| [[Our Technique\\|T1999]] | Our Technique |',
    );
    const vault = seedVault({
      [GROUP_PATH]: custom,
      'techniques/Our Technique.md': '---\nalias: T1999\n---\n',
    });
    assert.deepEqual(diagnose(vault, GROUP_PATH), []);
  });

  it("id-unknown: quiet for a note's own ID ATT&CK lacks, even when it cites its ATT&CK page (seed)", function () {
    // The note defines T1059.099; a newer release's IDs are told once for the vault, not per note.
    const newer = PYTHON.replace(/T1059\.006/g, 'T1059.099').replace('T1059/006', 'T1059/099');
    const found = diagnose(seedVault({ [PYTHON_PATH]: newer }), PYTHON_PATH);
    assert.deepEqual(ofCode(found, 'id-unknown'), []);
  });

  it("id-unknown: quiet for a note's own ID ATT&CK lacks, with a `mitre-attack:` field (kb)", function () {
    const newer = KB_PYTHON.replace(/T1059\.006/g, 'T1682');
    const path = 'kb/mitre/attack/techniques/T1682-Query_Public_AI_Services.md';
    const found = diagnose(kbVault({ [KB_PYTHON_PATH]: '', [path]: newer }), path);
    assert.deepEqual(ofCode(found, 'id-unknown'), []);
  });

  it("id-unknown: a row naming another note's newer ID is quiet in both dialects; an ID no note defines is not", function () {
    const newerNote = '---\naliases: \n    - T1682\nmitre-attack: x\n---\n\n## Description\n';
    const row = (id: string) =>
      `| [[kb/mitre/attack/mitigations/M1047-Audit\\|${id}]] | Audit | Inventory systems. |`;
    const table = edit(
      KB_PYTHON,
      row('M1047'),
      `${row('M1047')}\n| T1682 | Query Public AI Services | x |`,
    );
    const vault = kbVault({
      [KB_PYTHON_PATH]: table,
      'kb/mitre/attack/techniques/T1682-Query_Public_AI_Services.md': newerNote,
    });
    assert.deepEqual(ofCode(diagnose(vault, KB_PYTHON_PATH), 'id-unknown'), []);
    const undefinedRow = edit(table, '| T1682 |', '| T1697 |');
    const found = ofCode(
      diagnose(kbVault({ [KB_PYTHON_PATH]: undefinedRow }), KB_PYTHON_PATH),
      'id-unknown',
    );
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeOf(undefinedRow, 'T1697')],
    );
  });

  it('id-revoked: names the replacement', function () {
    const wrong = edit(GROUP, '| [[Python\\|T1059.006]] | Python |', '| T1086 | PowerShell |');
    const found = diagnose(seedVault({ [GROUP_PATH]: wrong }), GROUP_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'id-revoked',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'T1086'),
        message: 'T1086 (PowerShell) is revoked in ATT&CK 18.1; use T1059.001 (PowerShell) instead',
      },
    ]);
  });

  it('id-deprecated', function () {
    const wrong = edit(GROUP, '| [[Python\\|T1059.006]] | Python |', '| T1064 | Scripting |');
    const found = diagnose(seedVault({ [GROUP_PATH]: wrong }), GROUP_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'id-deprecated',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'T1064'),
        message: 'T1064 (Scripting) is deprecated in ATT&CK 18.1',
      },
    ]);
  });

  it('heading-id-mismatch: points back to the front matter ID', function () {
    const wrong = edit(PYTHON, '## T1059.006', '## T1059.007');
    const found = diagnose(seedVault({ [PYTHON_PATH]: wrong }), PYTHON_PATH);
    assert.deepEqual(found.map(brief), [
      {
        code: 'heading-id-mismatch',
        severity: DiagnosticSeverity.Warning,
        range: range(4, 3, 12),
        message:
          'The heading says T1059.007 but the front matter ID is T1059.006; expected `## T1059.006`',
      },
    ]);
    assert.deepEqual(found[0].relatedInformation, [
      {
        location: { uri: 'file:///vault/techniques/Python.md', range: range(1, 7, 16) },
        message: 'The front matter ID T1059.006',
      },
    ]);
  });
});
