import { strict as assert } from 'node:assert';
import { coverageMatrix } from '../../../server/src/core/features/coverage/matrix';
import {
  domainTactics,
  matrixOrderOf,
} from '../../../server/src/core/features/coverage/tacticOrder';
import type { AttackDomain } from '../../../server/src/core/kb/types';
import { coverageOf, sharedCatalogKb, techniqueNote } from './support';

const DOMAINS: AttackDomain[] = ['enterprise', 'ics', 'mobile'];

describe('coverage matrix', () => {
  it("each domain's tactics, every one of the catalog, in ATT&CK's matrix order", () => {
    const kb = sharedCatalogKb();
    for (const domain of DOMAINS) {
      const tactics = domainTactics(kb, domain).map((tactic) => tactic.shortName);
      const ofCatalog = kb
        .all('tactic', domain)
        .map((tactic) => tactic.shortname)
        .sort();
      assert.deepEqual([...tactics].sort(), ofCatalog, `${domain}: the catalog's tactics`);
      assert.deepEqual(tactics, [...matrixOrderOf(domain)], `${domain}: the matrix order`);
    }
  });

  it('tactics as columns, techniques by name, their sub-techniques under them', () => {
    const records = coverageOf({
      'techniques/Scheduled Task.md': techniqueNote('T1053.005', {
        tactics: ['Execution (TA0002)'],
      }),
    });
    const matrix = coverageMatrix(records);
    assert.equal(matrix.tactics[0].shortName, 'reconnaissance');
    assert.equal(matrix.tactics.at(-1)?.shortName, 'impact');
    const columnsWithTask = matrix.tactics
      .filter((tactic) => tactic.techniques.some((cell) => cell.id === 'T1053'))
      .map((tactic) => tactic.shortName);
    assert.deepEqual(columnsWithTask, ['execution', 'persistence', 'privilege-escalation']);
    const execution = matrix.tactics.find((tactic) => tactic.shortName === 'execution')!;
    const names = execution.techniques.map((cell) => cell.name.toLowerCase());
    assert.deepEqual(names, [...names].sort());
    const task = execution.techniques.find((cell) => cell.id === 'T1053')!;
    assert.equal(task.notes.length, 0);
    const subs = task.subtechniques.map((sub) => sub.id);
    assert.ok(subs.includes('T1053.005'));
    assert.deepEqual(subs, [...subs].sort());
    assert.equal(task.subtechniques.find((sub) => sub.id === 'T1053.005')?.notes.length, 1);
    // Every live technique of the domain sits in some column.
    assert.deepEqual(matrix.unplaced, []);
    assert.equal(matrix.summary, records.summary);
  });

  it('a technique without a tactic of the domain is listed apart', () => {
    const matrix = coverageMatrix(
      coverageOf({ 'techniques/Badge cloning.md': techniqueNote('T1999', {}) }),
    );
    assert.deepEqual(
      matrix.unplaced.map((record) => record.id),
      ['T1999'],
    );
  });
});
