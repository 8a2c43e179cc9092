import { strict as assert } from 'node:assert';
import { URI } from 'vscode-uri';
import {
  createExcludeMatcher,
  DEFAULT_EXCLUDES,
  loadFoldersFromDisk,
} from '../../../server/src/core/index/diskVault';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { describeWithShared, sharedPath } from '../../support/sharedData';

/** Loads a vault from ../shared and tallies how its links resolve. */
async function tally(vaultFolder: string) {
  const index = new WorkspaceIndex([URI.file(vaultFolder).toString()]);
  const report = await loadFoldersFromDisk(index);
  const counts = {
    links: 0,
    resolved: 0,
    broken: [] as string[],
    ambiguous: [] as string[],
    headingMissing: 0,
  };
  for (const note of index.notes()) {
    for (const link of note.note.wikilinks) {
      counts.links++;
      const resolution = index.resolveLink(note.uri, link);
      if (resolution.kind === 'resolved') {
        counts.resolved++;
        if (!resolution.headingFound) counts.headingMissing++;
      } else if (resolution.kind === 'broken')
        counts.broken.push(`${note.vaultPath}: ${link.target.text}`);
      else counts.ambiguous.push(`${note.vaultPath}: ${link.target.text}`);
    }
  }
  return { index, report, counts };
}

describeWithShared('workspace index: the shared vaults', ['enterprise', 'kb-dialect'], function () {
  this.timeout(60000);
  const enterprise = sharedPath('enterprise');
  const kbDialect = sharedPath('kb-dialect');

  it('resolves every one of the 8,614 wikilinks of the enterprise vault to exactly one note', async () => {
    const { report, counts } = await tally(enterprise);
    assert.equal(report.notes, 921);
    assert.deepEqual(counts.broken, []);
    assert.deepEqual(counts.ambiguous, []);
    assert.equal(counts.links, 8614);
    assert.equal(counts.resolved, 8614);
  });

  it('resolves every one of the 12,342 vault-path links of the kb-dialect vault', async () => {
    const { report, counts } = await tally(kbDialect);
    assert.equal(report.notes, 852); // the vault's 853 files include one .canvas
    assert.deepEqual(counts.broken, []);
    assert.deepEqual(counts.ambiguous, []);
    assert.equal(counts.links, 12342);
    assert.equal(counts.resolved, 12342);
  });

  it('knows which note defines each ID, and the backlinks of a mitigation', async () => {
    const { index } = await tally(enterprise);
    const [audit] = index.definitionsOf('M1047');
    assert.equal(audit.vaultPath, 'mitigations/Audit.md');
    const linkers = new Set(
      index.backlinks(audit.uri).map((backlink) => backlink.source.vaultPath),
    );
    assert.ok(linkers.has('techniques/Python.md'));
    assert.equal(index.definitionsOf('TA0002')[0].vaultPath, 'tactics/Execution.md');
  });

  it('skips excluded folders', async () => {
    const index = new WorkspaceIndex([URI.file(enterprise).toString()]);
    const report = await loadFoldersFromDisk(index, {
      exclude: createExcludeMatcher([...DEFAULT_EXCLUDES, 'groups/**']),
    });
    assert.equal(report.notes, 921 - 172);
    assert.ok([...index.notes()].every((note) => !note.vaultPath.startsWith('groups/')));
  });
});
