import { strict as assert } from 'node:assert';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fixAllEdits } from '../../../server/src/core/features/codeActions/fixAll';
import { FIX_PROVIDERS } from '../../../server/src/core/features/codeActions/registry';
import type { FixProvider } from '../../../server/src/core/features/codeActions/types';
import type { RuleCode } from '../../../server/src/core/features/diagnostics/rules';
import { applyTextEdits } from '../../../server/src/core/text/applyEdits';
import { PYTHON, PYTHON_PATH, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { check } from './support';

function at(line: number, character: number, endCharacter = character) {
  return { start: { line, character }, end: { line, character: endCharacter } };
}

/**
 * Runs fixAllEdits with stand-in providers for two rule codes (restored afterwards), so the
 * merging rules are tested apart from any real fix.
 */
function withProviders<T>(providers: Partial<Record<RuleCode, FixProvider>>, run: () => T): T {
  const saved = { ...FIX_PROVIDERS };
  Object.assign(FIX_PROVIDERS, providers);
  try {
    return run();
  } finally {
    for (const code of Object.keys(FIX_PROVIDERS) as RuleCode[]) delete FIX_PROVIDERS[code];
    Object.assign(FIX_PROVIDERS, saved);
  }
}

function diagnostic(code: RuleCode, line: number, character: number): Diagnostic {
  return { range: at(line, character), code, message: code };
}

describe('fixAllEdits', function () {
  const { context } = check(seedVault(), PYTHON_PATH);

  it('merges inserts at one position into one edit, in the order of their fixes', function () {
    const edits = withProviders(
      {
        'id-revoked': () => [
          {
            title: 'a',
            code: 'id-revoked',
            unambiguous: true,
            edits: [{ range: at(0, 1), newText: 'A' }],
          },
        ],
        'id-deprecated': () => [
          {
            title: 'b',
            code: 'id-deprecated',
            unambiguous: true,
            edits: [{ range: at(0, 1), newText: 'B' }],
          },
        ],
      },
      () =>
        fixAllEdits(context, [diagnostic('id-deprecated', 0, 2), diagnostic('id-revoked', 0, 1)]),
    );
    assert.deepEqual(edits, [{ range: at(0, 1), newText: 'AB' }]);
  });

  it('merges edits that meet, drops a later fix that overlaps as a whole, skips ambiguous fixes', function () {
    const edits = withProviders(
      {
        'id-revoked': () => [
          {
            title: 'first',
            code: 'id-revoked',
            unambiguous: true,
            edits: [{ range: at(0, 0, 2), newText: 'X' }],
          },
        ],
        'id-deprecated': () => [
          {
            title: 'choice',
            code: 'id-deprecated',
            unambiguous: false,
            edits: [{ range: at(5, 0), newText: '?' }],
          },
          {
            title: 'overlapping',
            code: 'id-deprecated',
            unambiguous: true,
            // The second edit overlaps the first fix; its first edit must not be applied alone.
            edits: [
              { range: at(3, 0), newText: 'lost' },
              { range: at(0, 1, 3), newText: 'Y' },
            ],
          },
        ],
        'platform-unknown': () => [
          {
            title: 'meets',
            code: 'platform-unknown',
            unambiguous: true,
            edits: [{ range: at(0, 2, 3), newText: 'Z' }],
          },
        ],
      },
      () =>
        fixAllEdits(context, [
          diagnostic('id-revoked', 0, 0),
          diagnostic('id-deprecated', 1, 0),
          diagnostic('platform-unknown', 2, 0),
        ]),
    );
    assert.deepEqual(edits, [{ range: at(0, 0, 3), newText: 'XZ' }]);
  });

  it('applies every real unambiguous fix of a note, and a second pass finds nothing', function () {
    const broken = edit(
      edit(PYTHON, '[[Audit\\|M1047]]', '[[Audit|M1047]]'),
      '[[Execution Prevention\\|M1038]]',
      '[[Execution Prevention|M1038]]',
    );
    const files = seedVault({ [PYTHON_PATH]: broken });
    const first = check(files, PYTHON_PATH);
    const fixed = applyTextEdits(broken, fixAllEdits(first.context, first.diagnostics));
    assert.equal(fixed, PYTHON);
    const second = check({ ...files, [PYTHON_PATH]: fixed }, PYTHON_PATH);
    assert.deepEqual(second.diagnostics, []);
    assert.deepEqual(fixAllEdits(second.context, second.diagnostics), []);
  });

  it('fixes a 5,000-row table of duplicates and broken links in linear time', function () {
    // Found by fuzzing (test/fuzz): each fix re-scanned every row and built a note skeleton per
    // broken link only to drop it: 14 s of CPU for one fix-all (17 s here), now about 0.5 s.
    this.timeout(12000);
    const row = '| [[Audit\\|M1047]] | Audit | Inventory systems. |';
    const broken = (i: number) => `| [[Nowhere ${i}\\|M1047]] | Audit | Inventory systems. |`;
    const rows = Array.from({ length: 5000 }, (_, i) => (i % 2 ? row : broken(i)));
    const big = edit(PYTHON, row, rows.join('\n'));
    const files = seedVault({ [PYTHON_PATH]: big });
    const checked = check(files, PYTHON_PATH);
    const fixed = applyTextEdits(big, fixAllEdits(checked.context, checked.diagnostics));
    // Every row after the first names M1047 again with the same cells: all deleted.
    assert.deepEqual(
      fixed.split('\n').filter((line) => line.includes('M1047]]')),
      [broken(0)],
    );
  });
});
