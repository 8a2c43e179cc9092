import { strict as assert } from 'node:assert';
import {
  closest,
  editDistance,
  editDistanceWithin,
} from '../../../server/src/core/features/diagnostics/editDistance';

describe('diagnostics: edit distance for suggestions', function () {
  const pairs: [string, string][] = [
    ['linux', 'linx'],
    ['execution', 'executon'],
    ['windows', 'ios'],
    ['', 'abc'],
    ['persistence', 'privilege escalation'],
  ];

  it('counts insertions, deletions and substitutions', function () {
    assert.deepEqual(
      pairs.map(([a, b]) => editDistance(a, b)),
      [1, 1, 4, 3, 16],
    );
  });

  it('the bounded variant agrees within the limit and says "over" beyond it', function () {
    for (const [a, b] of pairs) {
      const exact = editDistance(a, b);
      for (const limit of [0, 1, 2, 5, 20]) {
        assert.equal(
          editDistanceWithin(a, b, limit),
          Math.min(exact, limit + 1),
          `${a}/${b}/${limit}`,
        );
      }
    }
  });

  it('picks the closest candidate, the earlier one on a tie', function () {
    assert.equal(
      closest('Linx', ['Windows', 'Linux', 'macOS'], (s) => s.toLowerCase()),
      'Linux',
    );
    assert.equal(
      closest('ab', ['ac', 'ad'], (s) => s),
      'ac',
    );
  });
});
