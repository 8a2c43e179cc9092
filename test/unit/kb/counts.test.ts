import { strict as assert } from 'node:assert';
import {
  countByDomainAndType,
  type DomainTypeCounts,
} from '../../../server/src/core/kb/statistics';
import type { AttackDomain, AttackObjectType } from '../../../server/src/core/kb/types';
import {
  DOMAIN_FILES,
  catalogKnowledgeBase,
  catalogLayerForTests,
  rawAttackId,
  rawObjects,
} from './attackData';
import { describeWithShared } from '../../support/sharedData';

/** The kinds of STIX object with ATT&CK IDs, written out here independently of the reader. */
const TYPE_OF_STIX: Record<string, AttackObjectType> = {
  'x-mitre-tactic': 'tactic',
  'attack-pattern': 'technique',
  'course-of-action': 'mitigation',
  'intrusion-set': 'group',
  malware: 'software',
  tool: 'software',
  campaign: 'campaign',
  'x-mitre-data-source': 'data-source',
  'x-mitre-data-component': 'data-component',
  'x-mitre-asset': 'asset',
  'x-mitre-analytic': 'analytic',
  'x-mitre-detection-strategy': 'detection-strategy',
};

/** Counts straight from the raw bundles: every object with an ATT&CK ID, by status. */
function expectedCounts(): DomainTypeCounts {
  const counts: DomainTypeCounts = {};
  for (const domain of Object.keys(DOMAIN_FILES) as AttackDomain[]) {
    const byType: NonNullable<DomainTypeCounts[AttackDomain]> = (counts[domain] = {});
    for (const object of rawObjects(domain)) {
      const type = TYPE_OF_STIX[object.type];
      if (!type || !rawAttackId(object)) continue;
      const entry = (byType[type] ??= { live: 0, revoked: 0, deprecated: 0 });
      if (object.revoked === true) entry.revoked++;
      else if (object.x_mitre_deprecated === true) entry.deprecated++;
      else entry.live++;
    }
  }
  return counts;
}

describeWithShared('kb counts', 'stix', function () {
  this.timeout(60_000);
  let expected: DomainTypeCounts;
  before(() => {
    expected = expectedCounts();
  });

  it('match the bundles per domain, type and status (live, revoked, deprecated)', () => {
    const actual = countByDomainAndType(catalogLayerForTests().objects);
    assert.deepEqual(actual, expected);
  });

  it('list exactly the live objects of each domain and type', () => {
    const kb = catalogKnowledgeBase();
    for (const [domain, byType] of Object.entries(expected) as Array<[AttackDomain, object]>) {
      for (const [type, counts] of Object.entries(byType) as Array<
        [AttackObjectType, { live: number }]
      >) {
        assert.equal(kb.all(type, domain).length, counts.live, `${domain} ${type}`);
      }
    }
  });

  it('cover every object kind ATT&CK v18.1 publishes', () => {
    const present = new Set(Object.values(expected).flatMap((byType) => Object.keys(byType)));
    assert.deepEqual([...present].sort(), [...new Set(Object.values(TYPE_OF_STIX))].sort());
  });
});
