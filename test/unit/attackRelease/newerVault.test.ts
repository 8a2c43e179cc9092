import { strict as assert } from 'node:assert';
import {
  looksLikeNewerAttackId,
  newerVaultNotice,
} from '../../../server/src/core/features/attackRelease/newerVault';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { catalogKnowledgeBase } from '../kb/attackData';
import { memoryVault } from '../support/memoryVault';

const seedNote = (id: string) => `---\nalias: ${id}\n---\n\n## ${id}\n\nText.\n`;
const kbNote = (id: string) =>
  `---\naliases: \n    - ${id}\nmitre-attack: kb/mitre/attack/x/${id}\n---\n\n## Description\n`;

function noticeOf(files: Record<string, string>) {
  return newerVaultNotice(vaultDefinitions(memoryVault(files)), catalogKnowledgeBase());
}

describe('newer-vault notice: IDs a newer ATT&CK would assign', function () {
  it('seed dialect: counts the note defining T1682, not the known T1059.006 or the custom M9001', function () {
    const notice = noticeOf({
      'techniques/Python.md': seedNote('T1059.006'),
      'techniques/Query Public AI Services.md': seedNote('T1682'),
      'mitigations/Our Mitigation.md': seedNote('M9001'),
    });
    assert.deepEqual(notice, {
      attackVersion: '18.1',
      notes: 1,
      ids: ['T1682'],
      message:
        '1 note defines IDs that ATT&CK 18.1 lacks (T1682); this vault looks newer than 18.1. ' +
        'Load the matching STIX bundle with `attackNotes.stixBundles` / `--stix-bundle`.',
    });
  });

  it('kb dialect: a new tactic, a new sub-technique of a known and of a new technique; not S9002', function () {
    const notice = noticeOf({
      'kb/mitre/attack/tactics/TA0112-Defense_Impairment.md': kbNote('TA0112'),
      'kb/mitre/attack/techniques/T1027.018-Invisible_Unicode.md': kbNote('T1027.018'),
      'kb/mitre/attack/techniques/T1684.001-Impersonation.md': kbNote('T1684.001'),
      'kb/mitre/attack/techniques/T1690-Prevent_Command_History_Logging.md': kbNote('T1690'),
      'kb/mitre/attack/software/S9002-Diskpart.md': kbNote('S9002'),
      'kb/mitre/attack/techniques/T1059.006-Python.md': kbNote('T1059.006'),
    });
    assert.equal(notice?.notes, 4);
    assert.deepEqual(notice?.ids, ['T1027.018', 'T1684.001', 'T1690', 'TA0112']);
    assert.equal(
      notice?.message,
      '4 notes define IDs that ATT&CK 18.1 lacks (T1027.018, T1684.001, T1690, …); this vault ' +
        'looks newer than 18.1. Load the matching STIX bundle with `attackNotes.stixBundles` / ' +
        '`--stix-bundle`.',
    );
  });

  it('no notice for a vault of known and custom IDs', function () {
    assert.equal(
      noticeOf({
        'techniques/Python.md': seedNote('T1059.006'),
        'software/Diskpart.md': seedNote('S9002'),
        'mitigations/Ours.md': kbNote('M9001'),
      }),
      undefined,
    );
  });

  it('where the line runs: above the highest number of the kind, within the next releases', function () {
    const kb = catalogKnowledgeBase();
    // Known (live, revoked or deprecated alike) IDs are never newer.
    assert.equal(looksLikeNewerAttackId('T1059', kb), false);
    assert.equal(looksLikeNewerAttackId('T1086', kb), false);
    // A gap below the highest technique is a typo or a team's own, not a release's.
    assert.equal(looksLikeNewerAttackId('T1000', kb), false);
    assert.equal(looksLikeNewerAttackId('T1059.001', kb), false);
    assert.equal(looksLikeNewerAttackId('T1059.099', kb), true);
    assert.equal(looksLikeNewerAttackId('t1682', kb), true);
    // Custom ranges, far above what ATT&CK has assigned.
    assert.equal(looksLikeNewerAttackId('S9002', kb), false);
    assert.equal(looksLikeNewerAttackId('T1900', kb), false);
    assert.equal(looksLikeNewerAttackId('T9001.001', kb), false);
  });
});
