import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { KB_PYTHON, KB_PYTHON_PATH, PYTHON, PYTHON_PATH, kbVault, seedVault } from './fixtures';
import { brief, diagnose, edit, range } from './support';

function check(text: string, rules?: Record<string, unknown>, path = PYTHON_PATH) {
  return diagnose(seedVault({ [path]: text }), path, rules);
}

describe('diagnostics: sections and drift', function () {
  it('section-duplicate: the second heading, related to the first', function () {
    const wrong = edit(
      PYTHON,
      '### Permissions Required\n',
      '### Permissions Required\n\n### Permissions Required\n',
    );
    const found = check(wrong);
    assert.deepEqual(found.map(brief), [
      {
        code: 'section-duplicate',
        severity: DiagnosticSeverity.Warning,
        range: range(19, 4, 24),
        message: "The section 'Permissions Required' already appears on line 18; expected it once",
      },
    ]);
    assert.deepEqual(found[0].relatedInformation?.[0].location.range, range(17, 4, 24));
  });

  it('section-missing: a section technique notes have, reported at the note ID', function () {
    const wrong = edit(PYTHON, '### Platforms\n- ESXi\n- Linux\n- macOS\n- Windows\n\n', '');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'section-missing',
        severity: DiagnosticSeverity.Information,
        range: range(1, 7, 16),
        message:
          "This technique note has no 'Platforms' section; technique notes have: Tactic, Platforms, Mitigations, References",
      },
    ]);
  });

  it('section-missing: per-kind lists come from the configuration', function () {
    const rules = { 'section-missing': { sections: { technique: ['Detection'] } } };
    assert.deepEqual(check(PYTHON, rules).map(brief), [
      {
        code: 'section-missing',
        severity: DiagnosticSeverity.Information,
        range: range(1, 7, 16),
        message: "This technique note has no 'Detection' section; technique notes have: Detection",
      },
    ]);
    assert.deepEqual(check(edit(PYTHON, '### Permissions Required', '### Detection'), rules), []);
  });

  it('attack-drift: platforms that differ from ATT&CK, saying what ATT&CK has', function () {
    const wrong = edit(PYTHON, '- ESXi\n', '');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'attack-drift',
        severity: DiagnosticSeverity.Hint,
        range: range(11, 4, 13),
        message:
          'ATT&CK 18.1 lists the platforms ESXi, Linux, macOS, Windows for T1059.006; this note lacks ESXi',
      },
    ]);
  });

  it('attack-drift: a note named differently from the ATT&CK object', function () {
    const vault = seedVault({ 'techniques/Pythonn.md': PYTHON });
    delete vault[PYTHON_PATH];
    const found = diagnose(
      {
        ...vault,
        'groups/APT28.md': vault['groups/APT28.md'].replace('[[Python\\|', '[[Pythonn\\|'),
      },
      'techniques/Pythonn.md',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'attack-drift',
        severity: DiagnosticSeverity.Hint,
        range: range(1, 7, 16),
        message: "ATT&CK 18.1 names T1059.006 'Python'; this note is named 'Pythonn'",
      },
    ]);
  });

  it('attack-drift: a tactic renamed by a later release is named in the message (kb dialect)', function () {
    const wrong = edit(KB_PYTHON, '     - Execution\n', '     - Running Code\n');
    assert.deepEqual(diagnose(kbVault({ [KB_PYTHON_PATH]: wrong }), KB_PYTHON_PATH).map(brief), [
      {
        code: 'attack-drift',
        severity: DiagnosticSeverity.Hint,
        range: range(6, 0, 6),
        message:
          'ATT&CK 18.1 lists T1059.006 under Execution (TA0002); this note lacks Execution (TA0002) and lists Running Code, unknown to ATT&CK 18.1',
      },
    ]);
  });
});
