import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { KB_PYTHON, KB_PYTHON_PATH, PYTHON, PYTHON_PATH, kbVault, seedVault } from './fixtures';
import { brief, diagnose, edit, ofCode, range, rangeOf } from './support';

describe('diagnostics: tactics and platforms', function () {
  it("tactic-id-mismatch: [[Execution]] (TA0003): the tactic's name and ID disagree", function () {
    const wrong = edit(PYTHON, '- [[Execution]] (TA0002)', '- [[Execution]] (TA0003)');
    const diagnostics = diagnose(seedVault({ [PYTHON_PATH]: wrong }), PYTHON_PATH);
    assert.deepEqual(diagnostics[0].relatedInformation, [
      {
        location: { uri: 'file:///vault/tactics/Execution.md', range: range(1, 7, 13) },
        message: 'The note of TA0002 (tactics/Execution.md)',
      },
    ]);
    const found = diagnostics.map(brief);
    assert.deepEqual(found, [
      {
        code: 'tactic-id-mismatch',
        severity: DiagnosticSeverity.Warning,
        range: range(9, 17, 23),
        message: 'The tactic Execution is TA0002, not TA0003 (Persistence); expected (TA0002)',
      },
    ]);
  });

  it('tactic-not-mapped: ATT&CK does not list Python under Persistence', function () {
    const wrong = edit(
      PYTHON,
      '- [[Execution]] (TA0002)\n',
      '- [[Execution]] (TA0002)\n- [[Persistence]] (TA0003)\n',
    );
    const found = diagnose(seedVault({ [PYTHON_PATH]: wrong }), PYTHON_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'tactic-not-mapped',
        severity: DiagnosticSeverity.Information,
        range: range(10, 19, 25),
        message:
          'ATT&CK 18.1 does not list T1059.006 under Persistence (TA0003); it lists Execution (TA0002)',
      },
    ]);
  });

  it('tactic-not-mapped: also reads the kb dialect tactic list in front matter', function () {
    const wrong = edit(KB_PYTHON, '     - Execution\n', '     - Execution\n     - Persistence\n');
    const found = ofCode(
      diagnose(kbVault({ [KB_PYTHON_PATH]: wrong }), KB_PYTHON_PATH),
      'tactic-not-mapped',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'tactic-not-mapped',
        severity: DiagnosticSeverity.Information,
        range: rangeOf(wrong, 'Persistence'),
        message:
          'ATT&CK 18.1 does not list T1059.006 under Persistence (TA0003); it lists Execution (TA0002)',
      },
    ]);
  });

  it('platform-unknown: suggests the closest platform of the domain', function () {
    const wrong = edit(PYTHON, '- Linux\n', '- Linx\n');
    const found = ofCode(
      diagnose(seedVault({ [PYTHON_PATH]: wrong }), PYTHON_PATH),
      'platform-unknown',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'platform-unknown',
        severity: DiagnosticSeverity.Warning,
        range: range(13, 2, 6),
        message: "'Linx' is not an ATT&CK Enterprise platform; did you mean 'Linux'?",
      },
    ]);
    assert.deepEqual(diagnose(seedVault(), PYTHON_PATH), []);
  });

  it('platform-unknown: several platforms joined into one kb item, with the list to write', function () {
    const wrong = edit(
      KB_PYTHON,
      '     - ESXi\n     - Linux\n     - macOS\n     - Windows\n',
      '     - ESXi - Linux - macOS - Windows\n',
    );
    const found = diagnose(kbVault({ [KB_PYTHON_PATH]: wrong }), KB_PYTHON_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'platform-unknown',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'ESXi - Linux - macOS - Windows'),
        message:
          "'ESXi - Linux - macOS - Windows' is 4 platforms in one item; expected one item per platform: ESXi, Linux, macOS, Windows",
      },
    ]);
  });

  it('reads a joined kb tactic item as its parts (no drift for a listed tactic)', function () {
    const joined = edit(KB_PYTHON, '     - Execution\n', '     - Execution - Persistence\n');
    const found = diagnose(kbVault({ [KB_PYTHON_PATH]: joined }), KB_PYTHON_PATH).map(brief);
    assert.deepEqual(found, [
      {
        code: 'tactic-not-mapped',
        severity: DiagnosticSeverity.Information,
        range: rangeOf(joined, 'Persistence'),
        message:
          'ATT&CK 18.1 does not list T1059.006 under Persistence (TA0003); it lists Execution (TA0002)',
      },
    ]);
  });
});
