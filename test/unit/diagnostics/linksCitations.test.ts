import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { KB_PYTHON, KB_PYTHON_PATH, PYTHON, PYTHON_PATH, kbVault, seedVault } from './fixtures';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { defaultRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { catalogKnowledgeBase } from '../kb/attackData';
import { memoryVault, noteAt, noteUri } from '../support/memoryVault';
import { brief, diagnose, edit, rangeOf } from './support';

function check(text: string, rules?: Record<string, unknown>) {
  return diagnose(seedVault({ [PYTHON_PATH]: text }), PYTHON_PATH, rules);
}

describe('diagnostics: links, citations and references', function () {
  it('link-broken: no note matches the wikilink', function () {
    const wrong = edit(PYTHON, '[[Execution]]', '[[Executon]]');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'link-broken',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'Executon'),
        message: 'No note matches [[Executon]]; expected [[Execution]]',
      },
    ]);
  });

  it('link-broken: without a close name, the message says what a link needs', function () {
    const wrong = edit(PYTHON, 'for execution.', 'for execution. See [[Quarterly Threat Report]].');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'link-broken',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'Quarterly Threat Report'),
        message:
          'No note matches [[Quarterly Threat Report]]; expected the name or vault path of an existing note',
      },
    ]);
  });

  it('link-broken: suggestions follow an index that changes between checks (the server case)', function () {
    const wrong = edit(PYTHON, 'for execution.', 'for execution. See [[Hunting Guide]].');
    const index = memoryVault(seedVault({ [PYTHON_PATH]: wrong }));
    const kb = catalogKnowledgeBase();
    const config = defaultRuleConfig();
    const messages = () =>
      computeDiagnostics(index.get(noteUri(PYTHON_PATH))!.note, index, kb, config).map(
        (d) => d.message,
      );
    assert.deepEqual(messages(), [
      'No note matches [[Hunting Guide]]; expected the name or vault path of an existing note',
    ]);
    index.setNote(noteAt('notes/Hunting Guides.md', '# Hunting\n'));
    assert.deepEqual(messages(), [
      'No note matches [[Hunting Guide]]; expected [[Hunting Guides]]',
    ]);
  });

  it('link-broken: a vault path resolves, attachments are left alone', function () {
    const fine = edit(PYTHON, '[[Execution]]', '[[tactics/Execution]] ![[diagram.png]]');
    assert.deepEqual(check(fine), []);
  });

  it('link-ambiguous: lists the candidates and relates them', function () {
    const vault = seedVault({ 'archive/Audit.md': '---\nalias: M1047\n---\n' });
    const found = diagnose(vault, PYTHON_PATH);
    assert.deepEqual(found.map(brief), [
      {
        code: 'link-ambiguous',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(PYTHON, 'Audit', 0),
        message:
          '[[Audit]] matches 2 notes: archive/Audit.md, mitigations/Audit.md; expected a path that names one of them',
      },
    ]);
    assert.deepEqual(
      found[0].relatedInformation?.map((r) => r.location.uri),
      ['file:///vault/archive/Audit.md', 'file:///vault/mitigations/Audit.md'],
    );
  });

  it('link-heading-broken: the #heading is not in the target', function () {
    const wrong = edit(PYTHON, '[[Audit\\|M1047]]', '[[Audit#Overveiw\\|M1047]]');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'link-heading-broken',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'Overveiw'),
        message:
          "Audit has no heading 'Overveiw'; expected one of: M1047, Techniques Addressed by Mitigation, Overview, References",
      },
    ]);
    assert.deepEqual(check(edit(PYTHON, '[[Audit\\|M1047]]', '[[Audit#Overview\\|M1047]]')), []);
  });

  it('citation-undefined: (Citation: X) with no reference line X', function () {
    const wrong = edit(
      PYTHON,
      '(Citation: Zscaler APT31)',
      '(Citation: Zscaler APT31)(Citation: Nobody 2020)',
    );
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'citation-undefined',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, '(Citation: Nobody 2020)'),
        message:
          "No reference 'Nobody 2020' in this note; expected a `- Nobody 2020: url` line under References",
      },
    ]);
  });

  it('citation-undefined: a kb footnote without a definition; copied table citations are fine', function () {
    const wrong = edit(KB_PYTHON, 'for execution.[^1]', 'for execution.[^1][^2]');
    assert.deepEqual(diagnose(kbVault({ [KB_PYTHON_PATH]: wrong }), KB_PYTHON_PATH).map(brief), [
      {
        code: 'citation-undefined',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, '[^2]'),
        message: 'Footnote [^2] has no definition; expected a `[^2]: source` line',
      },
    ]);
  });

  it('reference-unused: off by default; when on, a list reference nothing cites', function () {
    const wrong = edit(
      PYTHON,
      '- Zscaler APT31:',
      '- Unused Source: https://www.example.com/u\n- Zscaler APT31:',
    );
    assert.deepEqual(check(wrong), []);
    assert.deepEqual(check(wrong, { 'reference-unused': 'warning' }).map(brief), [
      {
        code: 'reference-unused',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'Unused Source'),
        message:
          "Nothing in this note cites 'Unused Source'; expected a (Citation: Unused Source) or no reference line",
      },
    ]);
  });

  it("reference-attack-url: the mitre-attack line must point to the note's ID", function () {
    const wrong = edit(PYTHON, 'techniques/T1059/006', 'techniques/T1059/007');
    assert.deepEqual(check(wrong).map(brief), [
      {
        code: 'reference-attack-url',
        severity: DiagnosticSeverity.Warning,
        range: rangeOf(wrong, 'https://attack.mitre.org/techniques/T1059/007'),
        message:
          'The mitre-attack reference points to https://attack.mitre.org/techniques/T1059/007, not to T1059.006; expected https://attack.mitre.org/techniques/T1059/006',
      },
    ]);
  });
});
