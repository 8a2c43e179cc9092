import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { PYTHON, PYTHON_PATH, seedVault } from './fixtures';
import { brief, diagnose, edit, range, rangeOf } from './support';

const AUDIT_ROW = '| [[Audit\\|M1047]] | Audit | Inventory systems. |';

function check(text: string) {
  return diagnose(seedVault({ [PYTHON_PATH]: text }), PYTHON_PATH);
}

describe('diagnostics: tables and mitigations', function () {
  it("table-malformed: a row's cell count differs from the header's", function () {
    const wrong = edit(PYTHON, AUDIT_ROW, `${AUDIT_ROW} extra |`);
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'table-malformed',
        severity: DiagnosticSeverity.Error,
        range: range(25, 0, `${AUDIT_ROW} extra |`.length),
        message: 'This row has 4 cells but the header has 3; expected 3 cells',
      },
    ]);
  });

  it('table-unescaped-pipe: points at the bare pipe and shows the escaped link', function () {
    const wrong = edit(PYTHON, '[[Audit\\|M1047]]', '[[Audit|M1047]]');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'table-unescaped-pipe',
        severity: DiagnosticSeverity.Error,
        range: range(25, 9, 10),
        message:
          "A bare | inside a table row splits the cell; escape the link's alias pipe: expected [[Audit\\|M1047]]",
      },
    ]);
  });

  it('mitigation-name-mismatch: the Name cell is not the name of the row ID', function () {
    const wrong = edit(PYTHON, AUDIT_ROW, '| [[Audit\\|M1047]] | Auditing | Inventory systems. |');
    assert.deepEqual(check(wrong)[0].relatedInformation, [
      {
        location: { uri: 'file:///vault/mitigations/Audit.md', range: range(1, 7, 12) },
        message: 'The note of M1047 (mitigations/Audit.md)',
      },
    ]);
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'mitigation-name-mismatch',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'Auditing'),
        message: "M1047 is named 'Audit' in ATT&CK, not 'Auditing'; expected 'Audit'",
      },
    ]);
  });

  it('mitigation-name-mismatch: names compare after NFKC and case folding', function () {
    const fine = edit(
      PYTHON,
      '| Antivirus／Antimalware | Quarantine',
      '| antivirus/ANTIMALWARE | Quarantine',
    );
    assert.deepEqual(check(fine), []);
  });

  it("mitigation-id-mismatch: the link's note has another ID than the label", function () {
    const wrong = edit(PYTHON, '[[Execution Prevention\\|M1038]]', '[[Audit\\|M1038]]');
    const found = check(wrong);
    assert.deepEqual(found.map(brief), [
      {
        code: 'mitigation-id-mismatch',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'M1038'),
        message:
          'The link points to Audit, whose ID is M1047, but the label says M1038; expected M1047 or a link to the note of M1038',
      },
    ]);
    assert.deepEqual(found[0].relatedInformation, [
      {
        location: { uri: 'file:///vault/mitigations/Audit.md', range: range(1, 7, 12) },
        message: 'The ID of Audit',
      },
    ]);
  });

  it('mitigation-duplicate: the second row, related to the first', function () {
    const wrong = edit(PYTHON, AUDIT_ROW, `${AUDIT_ROW}\n${AUDIT_ROW}`);
    const found = check(wrong);
    assert.deepEqual(found.map(brief), [
      {
        code: 'mitigation-duplicate',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'M1047', 1),
        message: 'M1047 is already in this table (line 26); expected each row once',
      },
    ]);
    assert.deepEqual(found[0].relatedInformation?.[0].location.range, rangeOf(wrong, 'M1047', 0));
  });

  it('mitigation-not-mapped: ATT&CK does not map M1050 to T1059.006', function () {
    const extra = '| [[Exploit Protection\\|M1050]] | Exploit Protection | Harden. |';
    const wrong = edit(PYTHON, AUDIT_ROW, `${AUDIT_ROW}\n${extra}`);
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'mitigation-not-mapped',
        severity: DiagnosticSeverity.Information,
        range: rangeOf(wrong, 'M1050'),
        message: 'ATT&CK 18.1 does not map M1050 (Exploit Protection) to T1059.006 (Python)',
      },
    ]);
  });

  it('mitigation-missing: one finding on the table header, naming what is missing', function () {
    const wrong = edit(PYTHON, `${AUDIT_ROW}\n`, '');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'mitigation-missing',
        severity: DiagnosticSeverity.Information,
        range: range(21, 0, 27),
        message: 'ATT&CK 18.1 maps a mitigation to T1059.006 that the table lacks: M1047 (Audit)',
      },
    ]);
  });

  it('mitigation-missing: an empty Mitigations section lists every mapped mitigation', function () {
    const start = PYTHON.indexOf('| ID |');
    const end = PYTHON.lastIndexOf('\n---\n');
    const wrong = PYTHON.slice(0, start) + PYTHON.slice(end);
    const found = check(wrong).map(brief);
    assert.deepEqual(found, [
      {
        code: 'mitigation-missing',
        severity: DiagnosticSeverity.Information,
        range: range(19, 4, 15),
        message:
          'ATT&CK 18.1 maps 4 mitigations to T1059.006 that the table lacks: M1033 (Limit Software Installation), M1038 (Execution Prevention), M1047 (Audit), M1049 (Antivirus/Antimalware)',
      },
    ]);
  });
});
