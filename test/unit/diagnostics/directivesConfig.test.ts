import { strict as assert } from 'node:assert';
import {
  defaultRuleConfig,
  parseConfigFile,
  parseRuleConfig,
} from '../../../server/src/core/features/diagnostics/config';
import { RULES, ruleDocsHref } from '../../../server/src/core/features/diagnostics/rules';
import { PYTHON, PYTHON_PATH, seedVault } from './fixtures';
import { codes, diagnose, edit } from './support';

/** Python with two broken links: one in the tactic line, one in running text. */
const TWO_BROKEN = edit(
  edit(PYTHON, '[[Execution]]', '[[Executon]]'),
  'for execution.',
  'for execution. See [[Nowhere]].',
);

function check(text: string, rules?: Record<string, unknown>) {
  return diagnose(seedVault({ [PYTHON_PATH]: text }), PYTHON_PATH, rules);
}

describe('diagnostics: directives and configuration', function () {
  it('every finding carries source, a docs link named after its code, and the default severity', function () {
    const [finding] = check(edit(PYTHON, '[[Execution]]', '[[Executon]]'));
    assert.equal(finding.source, 'attack-notes');
    assert.deepEqual(finding.codeDescription, {
      href: 'https://github.com/attack-notes/attack-notes/blob/main/docs/rules.md#link-broken',
    });
    assert.equal(ruleDocsHref('link-broken'), finding.codeDescription?.href);
  });

  it('a disable / enable region silences the named rule inside it only', function () {
    const text = edit(
      TWO_BROKEN,
      '### Tactic\n',
      '<!-- attack-notes-disable link-broken -->\n### Tactic\n',
    ).replace('### Platforms', '<!-- attack-notes-enable link-broken -->\n### Platforms');
    const found = check(text);
    assert.deepEqual(codes(found), ['link-broken']);
    assert.match(found[0].message, /Nowhere/);
  });

  it('a disable comment without rules silences every rule to the end of the note', function () {
    const text = edit(
      TWO_BROKEN,
      '## T1059.006\n',
      '## T1059.006\n<!-- attack-notes-disable -->\n',
    );
    assert.deepEqual(check(text), []);
  });

  it('disable-next-line silences only the following line, and only the named rule', function () {
    const text = edit(
      TWO_BROKEN,
      '### Tactic\n',
      '### Tactic\n<!-- attack-notes-disable-next-line link-broken -->\n',
    );
    assert.deepEqual(
      check(text).map((d) => d.message.slice(0, 24)),
      ['No note matches [[Nowher'],
    );
    const other = edit(
      TWO_BROKEN,
      '### Tactic\n',
      '### Tactic\n<!-- attack-notes-disable-next-line id-unknown -->\n',
    );
    assert.deepEqual(codes(check(other)), ['link-broken', 'link-broken']);
  });

  it('settings change a severity or turn a rule off', function () {
    assert.deepEqual(check(TWO_BROKEN, { 'link-broken': 'off' }), []);
    const errors = check(TWO_BROKEN, { 'link-broken': 'error' });
    assert.deepEqual(
      errors.map((d) => d.severity),
      [1, 1],
    );
  });

  it('parses severities leniently and reports what it ignored', function () {
    const { config, problems } = parseRuleConfig({
      'id-unknown': 'warn',
      'attack-drift': false,
      'link-broken': { severity: 'information' },
      'no-such-rule': 'error',
      'section-duplicate': 'loud',
      'section-missing': { sections: { technique: ['Tactic'], widget: ['X'] } },
    });
    assert.equal(config.levels['id-unknown'], 'warning');
    assert.equal(config.levels['attack-drift'], 'off');
    assert.equal(config.levels['link-broken'], 'info');
    assert.equal(config.levels['section-duplicate'], 'warning');
    assert.deepEqual(config.requiredSections, { technique: ['Tactic'] });
    assert.deepEqual(problems, [
      'unknown rule "no-such-rule"',
      'section-duplicate: unknown severity "loud" (use error, warning, info, hint or off)',
      'section-missing: unknown note kind "widget"',
    ]);
  });

  it('reads .attack-notes.json from its rules key; defaults match the rule table', function () {
    const { config, problems } = parseConfigFile({ rules: { 'reference-unused': 'warning' } });
    assert.deepEqual(problems, []);
    assert.equal(config.levels['reference-unused'], 'warning');
    const defaults = defaultRuleConfig().levels;
    assert.equal(RULES.length, 25);
    assert.deepEqual(
      RULES.filter((r) => r.defaultLevel === 'off').map((r) => r.code),
      ['reference-unused'],
    );
    assert.equal(defaults['attack-drift'], 'hint');
    assert.equal(defaults['mitigation-missing'], 'info');
    assert.deepEqual(parseConfigFile([]).problems, ['the file must hold a JSON object']);
  });
});
