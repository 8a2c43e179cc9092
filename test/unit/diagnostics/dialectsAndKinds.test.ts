import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { seedVault } from './fixtures';
import { brief, codes, diagnose, edit, rangeOf } from './support';

const AUDIT_PATH = 'mitigations/Audit.md';

const AUDIT = `---
alias: M1047
---

## M1047

Auditing is the process of recording activity.

### Techniques Addressed by Mitigation

| ID | Name | Description |
| --- | --- | --- |
| [[Python\\|T1059.006]] | Python | Inventory systems for unauthorized Python installations. |

---
### References

- mitre-attack: https://attack.mitre.org/mitigations/M1047
`;

const MOBILE_PATH = 'techniques/Abuse Elevation Control Mechanism (T1626).md';

describe('diagnostics: note kinds, domains and user notes', function () {
  it('a mitigation note: its technique rows must be techniques ATT&CK maps to it', function () {
    const vault = seedVault({ [AUDIT_PATH]: AUDIT });
    assert.deepEqual(diagnose(vault, AUDIT_PATH), []);
    const extra = '| [[Execution\\|T1059.005]] | Visual Basic | Inventory. |';
    const wrong = edit(AUDIT, '| --- | --- | --- |\n', `| --- | --- | --- |\n${extra}\n`);
    assert.deepEqual(diagnose(seedVault({ [AUDIT_PATH]: wrong }), AUDIT_PATH).map(brief), [
      {
        code: 'mitigation-id-mismatch',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'T1059.005'),
        message:
          'The link points to Execution, whose ID is TA0002, but the label says T1059.005; expected TA0002 or a link to the note of T1059.005',
      },
      {
        code: 'mitigation-not-mapped',
        severity: DiagnosticSeverity.Information,
        range: rangeOf(wrong, 'T1059.005'),
        message: 'ATT&CK 18.1 does not map M1047 (Audit) to T1059.005 (Visual Basic)',
      },
    ]);
  });

  it("platforms are checked against the technique's own domain (Mobile here)", function () {
    const note = `---\nalias: T1626\n---\n\n## T1626\n\n### Platforms\n- Android\n- Windows\n`;
    const found = diagnose(seedVault({ [MOBILE_PATH]: note }), MOBILE_PATH).filter(
      (d) => d.code === 'platform-unknown',
    );
    assert.deepEqual(found.map(brief), [
      {
        code: 'platform-unknown',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(note, 'Windows'),
        message: "'Windows' is not an ATT&CK Mobile platform; did you mean 'iOS'?",
      },
    ]);
  });

  it('a pipe inside inline code still splits a table cell (table-malformed)', function () {
    const note = `# Hunting notes\n\n| Step | Command |\n| --- | --- |\n| 1 | \`ps | grep x\` |\n`;
    const found = diagnose(seedVault({ 'notes/Hunting.md': note }), 'notes/Hunting.md');
    assert.deepEqual(codes(found), ['table-malformed']);
    const fixed = edit(note, '`ps | grep x`', '`ps \\| grep x`');
    assert.deepEqual(diagnose(seedVault({ 'notes/Hunting.md': fixed }), 'notes/Hunting.md'), []);
  });

  it("a user's own note: its own row numbering is not an ATT&CK ID, but ATT&CK IDs are checked", function () {
    const note = [
      '# Detections for Q3',
      '',
      '| ID | Name | Technique |',
      '| --- | --- | --- |',
      '| Q3-7 | Python launcher | [[Python]] |',
      '| T1059.6 | Bad ID | [[Python]] |',
      '',
    ].join('\n');
    const found = diagnose(seedVault({ 'notes/Detections.md': note }), 'notes/Detections.md');
    assert.deepEqual(
      found.map((d) => [d.code, d.range]),
      [['id-malformed', rangeOf(note, 'T1059.6')]],
    );
  });
});
