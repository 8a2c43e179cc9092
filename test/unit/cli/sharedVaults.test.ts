import { strict as assert } from 'node:assert';
import path from 'node:path';
import { describeWithShared, sharedPath } from '../../support/sharedData';
import { catalogKnowledgeBase } from '../kb/attackData';
import { runCheckInProcess } from './runCheckInProcess';

async function check(vault: string) {
  const { code, stdout, stderr } = await runCheckInProcess(
    path.dirname(sharedPath('enterprise')),
    [vault, '--format', 'json'],
    catalogKnowledgeBase,
  );
  const findings = JSON.parse(stdout) as { file: string; code: string; message: string }[];
  return { code, stderr, findings };
}

function countByCode(findings: { code: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.code] = (counts[finding.code] ?? 0) + 1;
  return counts;
}

describeWithShared(
  'attack-notes check on the shared vaults',
  ['enterprise', 'kb-dialect'],
  function () {
    this.timeout(60_000);

    it('reports nothing on the enterprise vault, which is clean against ATT&CK v18.1', async function () {
      const result = await check('enterprise');
      assert.deepEqual(result.findings, []);
      assert.equal(result.code, 0);
      assert.equal(result.stderr, '');
    });

    it('reports only real findings on the kb-dialect vault, no dialect false alarms', async function () {
      const result = await check('kb-dialect');
      assert.equal(result.code, 1);
      // Pinned: a new dialect false alarm (footnotes, front matter lists, kb paths) changes this.
      assert.deepEqual(countByCode(result.findings), {
        'attack-drift': 205,
        'id-unknown': 28,
        'mitigation-name-mismatch': 12,
        'platform-unknown': 388,
        'table-malformed': 4,
        'tactic-not-mapped': 18,
      });
      for (const finding of result.findings.filter((f) => f.code === 'platform-unknown')) {
        assert.match(finding.message, /platforms in one item; expected one item per platform/);
      }
    });
  },
);
