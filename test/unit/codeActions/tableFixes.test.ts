import { strict as assert } from 'node:assert';
import { PYTHON, PYTHON_PATH, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { applyAndRecheck, check, fixesOf, onlyOf } from './support';

describe('fixes: table-unescaped-pipe', function () {
  for (const [label, lineBreak, bom] of [
    ['LF', '\n', ''],
    ['CRLF with a BOM', '\r\n', '\uFEFF'],
  ] as const) {
    it(`escapes the bare pipe and nothing else (${label})`, function () {
      const clean = bom + PYTHON.replace(/\n/g, lineBreak);
      const broken = edit(clean, '[[Audit\\|M1047]]', '[[Audit|M1047]]');
      const files = seedVault({ [PYTHON_PATH]: broken });
      const checked = check(files, PYTHON_PATH);
      const diagnostic = onlyOf(checked, 'table-unescaped-pipe');
      const fixes = fixesOf(checked, diagnostic);
      assert.deepEqual(
        fixes.map((f) => [f.title, f.unambiguous, f.isPreferred]),
        [['Escape the pipe: \\|', true, true]],
      );
      const { text, after } = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fixes[0]);
      assert.equal(text, clean);
      assert.deepEqual(after.diagnostics, []);
    });
  }
});
