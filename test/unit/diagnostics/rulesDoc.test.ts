import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES, ruleDocsHref } from '../../../server/src/core/features/diagnostics/rules';
import { repoRoot } from '../support/memoryVault';

describe('docs/rules.md', function () {
  const doc = readFileSync(path.join(repoRoot, 'docs', 'rules.md'), 'utf8');
  // Sections start at `## <rule code>`; example code blocks hold `## T1059.006` headings too.
  const codes = new Set<string>(RULES.map((rule) => rule.code));
  const sections = new Map<string, string>();
  let current: string | undefined;
  for (const line of doc.split('\n')) {
    const heading = /^## (\S+)$/.exec(line)?.[1];
    if (heading && codes.has(heading)) {
      current = heading;
      sections.set(heading, '');
    } else if (current) {
      sections.set(current, `${sections.get(current)}${line}\n`);
    }
  }

  it('has one section per rule, whose anchor is the codeDescription link', function () {
    for (const rule of RULES) {
      assert.ok(sections.has(rule.code), `no section for ${rule.code}`);
      assert.ok(ruleDocsHref(rule.code).endsWith(`docs/rules.md#${rule.code}`));
    }
  });

  it('gives each rule its default severity, a wrong and a right example', function () {
    for (const rule of RULES) {
      const body = sections.get(rule.code) ?? '';
      assert.match(body, new RegExp(`^Default: ${rule.defaultLevel}\\.`, 'm'), rule.code);
      assert.match(body, /^Wrong/m, `${rule.code}: no wrong example`);
      assert.match(body, /^Right/m, `${rule.code}: no right example`);
    }
  });

  it('package.json offers every rule code in the attackNotes.rules setting', function () {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const setting = manifest.contributes.configuration.properties['attackNotes.rules'];
    assert.deepEqual(
      Object.keys(setting.properties),
      RULES.map((rule) => rule.code),
    );
  });
});
