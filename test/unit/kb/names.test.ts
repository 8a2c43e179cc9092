import { strict as assert } from 'node:assert';
import {
  ATTACK_ID,
  conventionalUrl,
  isAttackId,
  kindOfId,
  normaliseName,
  parentTechniqueId,
} from '../../../server/src/core/kb/names';

describe('kb names', () => {
  it('compares names after NFKC normalisation and case folding', () => {
    assert.equal(normaliseName('Antivirus／Antimalware'), normaliseName('Antivirus/Antimalware'));
    assert.equal(normaliseName('  Command\u00a0and  Scripting '), 'command and scripting');
    assert.equal(normaliseName('STRASSE'), normaliseName('straße'));
    assert.equal(normaliseName('ＰｏｗｅｒＳｈｅｌｌ'), 'powershell');
  });

  it('maps every ID prefix ATT&CK v18 uses to its kind', () => {
    const expected: Array<[string, string]> = [
      ['TA0002', 'tactic'],
      ['T1059', 'technique'],
      ['t1059.006', 'technique'],
      ['M1033', 'mitigation'],
      ['G0016', 'group'],
      ['S0017', 'software'],
      ['C0024', 'campaign'],
      ['DS0017', 'data-source'],
      ['DC0008', 'data-component'],
      ['A0003', 'asset'],
      ['AN0110', 'analytic'],
      ['DET0103', 'detection-strategy'],
    ];
    for (const [id, kind] of expected) assert.equal(kindOfId(id), kind, id);
    for (const notId of ['T105', 'X1059', 'T1059.06', 'TA0002x', 'Execution', '']) {
      assert.equal(kindOfId(notId), undefined, notId);
      assert.equal(isAttackId(notId), false, notId);
    }
  });

  it('finds IDs in running text, whole words only', () => {
    const text = 'See T1059.006 and [[M1033]], not XT1059 or T10599; TA0002.';
    assert.deepEqual(
      [...text.matchAll(ATTACK_ID)].map((m) => m[0]),
      ['T1059.006', 'M1033', 'TA0002'],
    );
  });

  it('derives parents and page URLs the way ATT&CK does', () => {
    assert.equal(parentTechniqueId('T1059.006'), 'T1059');
    assert.equal(parentTechniqueId('T1059'), undefined);
    assert.equal(
      conventionalUrl('T1059.006', 'technique'),
      'https://attack.mitre.org/techniques/T1059/006',
    );
    assert.equal(conventionalUrl('TA0002', 'tactic'), 'https://attack.mitre.org/tactics/TA0002');
  });
});
