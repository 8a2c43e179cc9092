import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { FIX_PROVIDERS } from '../../../server/src/core/features/codeActions/registry';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { defaultRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import type { RuleCode } from '../../../server/src/core/features/diagnostics/rules';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { loadFoldersFromDisk } from '../../../server/src/core/index/diskVault';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { applyTextEdits } from '../../../server/src/core/text/applyEdits';
import { catalogKnowledgeBase } from '../kb/attackData';
import { sharedRoot } from '../support/memoryVault';

/**
 * The link and section fixes over the shared vaults (every tenth note): a link target with one
 * character dropped is repaired, exactly, by the first fix offered; a technique's Tactic or
 * Platforms section removed comes back exactly as the generator wrote it; and no fix brings a
 * finding the note did not have.
 */
describe('fixes over the shared vaults', function () {
  this.timeout(180000);

  for (const name of ['enterprise', 'kb-dialect']) {
    it(`repairs broken links and removed sections (${name})`, async function () {
      const root = path.join(sharedRoot, 'vaults', name);
      if (!existsSync(root)) {
        console.log(`      (skipped: ${root} is absent)`);
        this.skip();
      }
      const index = new WorkspaceIndex([URI.file(root).toString()]);
      await loadFoldersFromDisk(index);
      const kb = catalogKnowledgeBase().withVaultDefinitions(vaultDefinitions(index));
      const config = defaultRuleConfig();
      const tally = { links: 0, sections: 0 };

      /** Breaks the note as `broken`, applies the first fix of `code`, puts the note back. */
      const repair = (uri: string, original: string, broken: string, code: RuleCode): string => {
        index.setNote(parseNote(broken, uri));
        try {
          const note = index.get(uri)!.note;
          const found = computeDiagnostics(note, index, kb, config);
          const diagnostic = found.find((d) => d.code === code);
          assert.ok(diagnostic, `${uri}: no ${code}`);
          const fix = FIX_PROVIDERS[code]!({ note, index, kb }, diagnostic).find(
            (f) => !f.createNote,
          );
          assert.ok(fix, `${uri}: no fix for ${diagnostic.message}`);
          const fixed = applyTextEdits(broken, fix.edits);
          index.setNote(parseNote(fixed, uri));
          const before = found.filter((d) => d !== diagnostic).map((d) => d.message);
          const after = computeDiagnostics(index.get(uri)!.note, index, kb, config);
          assert.deepEqual(
            after.map((d) => d.message).filter((m) => !before.includes(m)),
            [],
            uri,
          );
          return fixed;
        } finally {
          index.setNote(parseNote(original, uri));
        }
      };

      const sample = [...index.notes()].filter((_, i) => i % 10 === 0);
      for (const indexed of sample) {
        const original = indexed.text;
        const lines = original.split('\n');
        const link = indexed.note.wikilinks[0];
        if (link && link.target.text.length > 4) {
          const { start, end } = link.target.range;
          const target = link.target.text;
          const cut = Math.floor(target.length / 2);
          const broken = [...lines];
          broken[start.line] =
            lines[start.line].slice(0, start.character) +
            target.slice(0, cut) +
            target.slice(cut + 1) +
            lines[start.line].slice(end.character);
          assert.equal(repair(indexed.uri, original, broken.join('\n'), 'link-broken'), original);
          tally.links++;
        }
        for (const section of indexed.note.sections) {
          if (section.key !== 'tactic' && section.key !== 'platforms') continue;
          const broken = [
            ...lines.slice(0, section.range.start.line),
            ...lines.slice(section.range.end.line + 1),
          ];
          assert.equal(
            repair(indexed.uri, original, broken.join('\n'), 'section-missing'),
            original,
          );
          tally.sections++;
        }
      }
      assert.ok(tally.links > 50, `only ${tally.links} links tried`);
      if (name === 'enterprise')
        assert.ok(tally.sections > 50, `only ${tally.sections} sections tried`);
    });
  }
});
