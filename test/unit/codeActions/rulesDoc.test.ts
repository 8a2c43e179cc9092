import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIX_PROVIDERS } from '../../../server/src/core/features/codeActions/registry';
import { RULES } from '../../../server/src/core/features/diagnostics/rules';
import { repoRoot } from '../support/memoryVault';

/** The `Fix:` paragraph of each rule's section in docs/rules.md, joined into one line. */
function fixParagraphs(): Map<string, string> {
  const doc = readFileSync(path.join(repoRoot, 'docs', 'rules.md'), 'utf8');
  const codes = new Set<string>(RULES.map((rule) => rule.code));
  const found = new Map<string, string>();
  let current: string | undefined;
  let paragraph: string[] | undefined;
  for (const line of doc.split('\n')) {
    const heading = /^## (\S+)$/.exec(line)?.[1];
    if (heading && codes.has(heading)) current = heading;
    // `Fix: …`, or `Fix (seed format): …` for a fix of one dialect.
    if (/^Fix(?: \([^)]*\))?: /.test(line)) paragraph = [];
    if (paragraph && line.trim() === '') {
      if (current) found.set(current, paragraph.join(' '));
      paragraph = undefined;
    }
    paragraph?.push(line);
  }
  if (paragraph && current) found.set(current, paragraph.join(' '));
  return found;
}

/**
 * Rules whose fixes and Fix lines are built on the feat/fixes branch: until it is merged they
 * have neither (once merged, their providers make the check below apply to them too).
 */
const DOCUMENTED_WITH_THEIR_FIXES = new Set([
  'link-broken',
  'link-ambiguous',
  'citation-undefined',
  'section-missing',
]);

describe('docs/rules.md: each rule says its fix', function () {
  const fixes = fixParagraphs();

  it('a rule with a fix describes it; a rule without says why not', function () {
    for (const { code } of RULES) {
      const paragraph = fixes.get(code);
      if (!paragraph && DOCUMENTED_WITH_THEIR_FIXES.has(code) && !FIX_PROVIDERS[code]) continue;
      assert.ok(paragraph, `${code}: no Fix paragraph`);
      if (FIX_PROVIDERS[code]) {
        assert.ok(!paragraph.startsWith('Fix: none'), `${code} has a fix, the docs say none`);
      } else {
        assert.match(paragraph, /^Fix: none[.;] \S/, `${code} has no fix, the docs must say why`);
      }
    }
  });
});
