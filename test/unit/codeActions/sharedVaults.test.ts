import { strict as assert } from 'node:assert';
import { fixAllEdits } from '../../../server/src/core/features/codeActions/fixAll';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { parseRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { applyTextEdits } from '../../../server/src/core/text/applyEdits';
import { enterpriseRoot, kbDialectRoot, realVault } from '../completion/support';
import { catalogKnowledgeBase } from '../kb/attackData';
import { itWithShared } from '../../support/sharedData';

/**
 * Fix-all over every note of the shared vaults: the enterprise vault is clean (nothing to fix);
 * in the kb dialect each fixed note gets no finding it did not have, and a second pass finds
 * nothing more to fix.
 */
describe('fix-all over the shared vaults', function () {
  this.timeout(120_000);

  for (const [label, root, expectChanges] of [
    ['enterprise', enterpriseRoot, false],
    ['kb-dialect', kbDialectRoot, true],
  ] as const) {
    itWithShared(`${label}: no new finding, and a second pass changes nothing`, label, async () => {
      const index = await realVault(root);
      const kb = catalogKnowledgeBase().withVaultDefinitions(vaultDefinitions(index));
      const { config } = parseRuleConfig({});
      let changed = 0;
      for (const indexed of [...index.notes()]) {
        const note = indexed.note;
        const before = computeDiagnostics(note, index, kb, config);
        const edits = fixAllEdits({ note, index, kb }, before);
        if (edits.length === 0) continue;
        changed++;
        const fixed = parseNote(applyTextEdits(note.text, edits), note.uri);
        const after = computeDiagnostics(fixed, index, kb, config);
        const known = new Set(before.map((d) => `${String(d.code)}: ${d.message}`));
        for (const d of after) {
          assert.ok(
            known.has(`${String(d.code)}: ${d.message}`),
            `${indexed.vaultPath}: new ${d.message}`,
          );
        }
        assert.deepEqual(fixAllEdits({ note: fixed, index, kb }, after), [], indexed.vaultPath);
      }
      if (expectChanges) assert.ok(changed > 100, `only ${changed} notes had fixes`);
      else assert.equal(changed, 0);
    });
  }
});
