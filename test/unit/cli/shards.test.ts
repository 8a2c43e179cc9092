import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkShard, parseShard, stubsOf } from '../../../server/src/cli/check/shards';
import { defaultRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { uriFromPath } from '../../../server/src/core/index/vaultPaths';
import { PYTHON, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { catalogKnowledgeBase } from '../kb/attackData';

/** Findings whose cause is in another note: they need the other shard's stubs to be right. */
const CROSS_NOTE = edit(
  edit(PYTHON, '[[Audit\\|M1047]]', '[[Audit#Overveiw\\|M1047]]'),
  '[[Execution Prevention\\|M1038]]',
  '[[Limit Software Installation\\|M1038]]',
);

describe('attack-notes check shards', function () {
  let root: string;

  before(function () {
    root = mkdtempSync(path.join(tmpdir(), 'attack-notes-shards-'));
    const files = seedVault({
      'techniques/Python.md': CROSS_NOTE,
      'archive/Audit.md': '---\nalias: M1047\n---\n\n## M1047\n\n### Overview\n',
    });
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  });

  after(function () {
    rmSync(root, { recursive: true, force: true });
  });

  it('two shards that exchange stubs find exactly what one shard finds', function () {
    const files = Object.keys(seedVault({ 'archive/Audit.md': '' }))
      .sort()
      .map((file) => path.join(root, file));
    const folderUri = uriFromPath(root);
    const kb = catalogKnowledgeBase();
    const config = defaultRuleConfig();
    const whole = checkShard(folderUri, parseShard(files).notes, [], kb, config, [root]);

    const a = parseShard(files.filter((_, i) => i % 2 === 0));
    const b = parseShard(files.filter((_, i) => i % 2 === 1));
    const checkedA = checkShard(folderUri, a.notes, stubsOf(b.notes), kb, config, [root]);
    const checkedB = checkShard(folderUri, b.notes, stubsOf(a.notes), kb, config, [root]);
    const split = [...checkedA.findings, ...checkedB.findings];

    const byFile = (list: typeof split) =>
      [...list]
        .sort((x, y) => x.fsPath.localeCompare(y.fsPath))
        .map((f) => [f.fsPath, f.diagnostics]);
    assert.deepEqual(byFile(split), byFile(whole.findings));
    assert.equal(checkedA.notes + checkedB.notes, whole.notes);
    // The cross-note findings are really there (and so really need the stubs).
    const codes = whole.findings.flatMap((f) => f.diagnostics.map((d) => d.code));
    assert.deepEqual([...new Set(codes)].sort(), [
      'link-ambiguous',
      'mitigation-id-mismatch',
      'section-missing',
    ]);
  });

  it('stubs carry no text: only identity, headings and where the note starts', function () {
    const [stub] = stubsOf(parseShard([path.join(root, 'mitigations/Audit.md')]).notes);
    assert.deepEqual(Object.keys(stub).sort(), ['fullRange', 'headings', 'identity', 'uri']);
    assert.equal(stub.identity?.id, 'M1047');
  });
});
