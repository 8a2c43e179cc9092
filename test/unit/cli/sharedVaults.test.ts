import { strict as assert } from 'node:assert';
import path from 'node:path';
import { describeWithShared, sharedPath } from '../../support/sharedData';
import { catalogKnowledgeBase } from '../kb/attackData';
import { runCheckInProcess } from './runCheckInProcess';

/** 24 notes: T1682–T1690 and their sub-techniques, TA0112, T1027.018; not the custom S9002 etc. */
const NEWER_VAULT_LINE =
  '24 notes define IDs that ATT&CK 18.1 lacks (T1027.018, T1682, T1683, …); this vault looks ' +
  'newer than 18.1. Load the matching STIX bundle with `attackNotes.stixBundles` / `--stix-bundle`.';

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
      // The notes that define IDs 18.1 lacks are told once, on stderr (the JSON is only findings).
      assert.equal(result.stderr, `attack-notes check: ${NEWER_VAULT_LINE}\n`);
      // Pinned: a new dialect false alarm (footnotes, front matter lists, kb paths) changes this.
      assert.deepEqual(countByCode(result.findings), {
        'attack-drift': 205,
        'mitigation-name-mismatch': 12,
        'platform-unknown': 388,
        'table-malformed': 4,
        'tactic-not-mapped': 18,
      });
      for (const finding of result.findings.filter((f) => f.code === 'platform-unknown')) {
        assert.match(finding.message, /platforms in one item; expected one item per platform/);
      }
    });

    it('says once, after the summary, that the kb-dialect vault looks newer than ATT&CK v18.1', async function () {
      const { stdout } = await runCheckInProcess(
        path.dirname(sharedPath('enterprise')),
        ['kb-dialect'],
        catalogKnowledgeBase,
      );
      const lines = stdout.trimEnd().split('\n');
      assert.equal(lines.filter((line) => / id-unknown /.test(line)).length, 0);
      assert.match(lines[lines.length - 2], /^\d+ problems \(/);
      assert.equal(lines[lines.length - 1], NEWER_VAULT_LINE);
      assert.equal(lines.filter((line) => line.includes('looks newer')).length, 1);
    });
  },
);
