import { strict as assert } from 'node:assert';
import { itWithShared } from '../../support/sharedData';
import { catalogKnowledgeBase, rawAttackId, rawObjects, type RawObject } from './attackData';

/** A raw object's ATT&CK ID, or a test failure when it has none. */
function idOf(object: RawObject): string {
  const id = rawAttackId(object);
  assert.ok(id, `${object.id} has no ATT&CK ID`);
  return id;
}

describe('kb lookups on ATT&CK v18.1', function () {
  this.timeout(60_000);
  const kb = catalogKnowledgeBase();

  it('maps T1059.006 to exactly M1033, M1038, M1047, M1049', () => {
    assert.deepEqual(kb.mitigationsOf('T1059.006'), ['M1033', 'M1038', 'M1047', 'M1049']);
    assert.ok(kb.techniquesOf('M1033').includes('T1059.006'));
  });

  it('knows TA0002 as Execution, and IDs case-insensitively', () => {
    assert.equal(kb.get('TA0002')?.name, 'Execution');
    assert.equal(kb.get('TA0002')?.shortname, 'execution');
    assert.equal(kb.get('ta0002')?.id, 'TA0002');
    assert.deepEqual(kb.get('T1059.006')?.tactics, ['TA0002']);
    assert.equal(kb.get('T1059.006')?.parent, 'T1059');
    assert.equal(kb.get('T1059.006')?.url, 'https://attack.mitre.org/techniques/T1059/006');
    assert.ok(kb.subtechniquesOf('T1059').includes('T1059.006'));
  });

  itWithShared(
    'resolves every revoked technique to the replacement the bundle names',
    'stix',
    () => {
      const objects = rawObjects('enterprise');
      const byStixId = new Map(objects.map((o) => [o.id, o]));
      const revokedBy = objects.filter(
        (o) => o.type === 'relationship' && o.relationship_type === 'revoked-by',
      );
      const techniques = revokedBy.filter(
        (r) => byStixId.get(String(r.source_ref))?.type === 'attack-pattern',
      );
      assert.ok(techniques.length > 100);
      for (const relationship of techniques) {
        const oldId = idOf(byStixId.get(String(relationship.source_ref))!);
        const newId = idOf(byStixId.get(String(relationship.target_ref))!);
        const resolution = kb.resolve(oldId);
        assert.equal(resolution?.object.revoked, true, oldId);
        // A replacement may itself have been revoked later; resolution follows the chain.
        const final = kb.resolve(newId)?.replacement ?? kb.get(newId);
        assert.equal(resolution?.replacement?.id, final?.id, oldId);
      }
      assert.equal(kb.resolve('T1086')?.replacement?.id, 'T1059.001');
      assert.equal(kb.resolve('T1059.006')?.replacement, undefined);
    },
  );

  itWithShared('flags deprecated IDs', 'stix', () => {
    const deprecated = rawObjects('enterprise').find(
      (o) => o.type === 'attack-pattern' && o.x_mitre_deprecated === true && o.revoked !== true,
    )!;
    const object = kb.get(idOf(deprecated));
    assert.equal(object?.deprecated, true);
    assert.equal(object?.name, deprecated.name);
    assert.ok(!kb.all('technique').includes(object!));
  });

  itWithShared('resolves ICS and Mobile IDs with their own tactics and platforms', 'stix', () => {
    for (const domain of ['ics', 'mobile'] as const) {
      const objects = rawObjects(domain);
      const tacticIdByShortname = new Map(
        objects
          .filter((o) => o.type === 'x-mitre-tactic')
          .map((o) => [String(o.x_mitre_shortname), idOf(o)]),
      );
      const techniques = objects.filter(
        (o) => o.type === 'attack-pattern' && !o.revoked && !o.x_mitre_deprecated,
      );
      for (const raw of techniques) {
        const object = kb.get(idOf(raw))!;
        assert.ok(object.domains.includes(domain), idOf(raw));
        const phases = raw.kill_chain_phases as Array<{ phase_name: string }>;
        const tactics = phases.map((p) => tacticIdByShortname.get(p.phase_name));
        assert.deepEqual(object.tactics, [...new Set(tactics)], idOf(raw));
        assert.deepEqual(object.platforms, raw.x_mitre_platforms, idOf(raw));
      }
    }
    assert.equal(kb.get('TA0104')?.name, 'Execution');
    assert.deepEqual(kb.get('T1404')?.platforms, ['Android', 'iOS']);
    assert.deepEqual(kb.platforms('mobile'), ['Android', 'iOS']);
    assert.ok(kb.platforms('enterprise').includes('Windows'));
  });

  itWithShared(
    'merges the domains of groups and software published in several bundles',
    'stix',
    () => {
      const inAll = rawObjects('ics').filter(
        (o) =>
          o.type === 'intrusion-set' &&
          rawObjects('enterprise').some((e) => e.id === o.id) &&
          !o.revoked,
      );
      assert.ok(inAll.length > 0);
      for (const raw of inAll) {
        const domains = kb.get(idOf(raw))!.domains;
        assert.ok(domains.includes('enterprise') && domains.includes('ics'), idOf(raw));
      }
    },
  );

  it('finds names after NFKC normalisation and case folding', () => {
    const found = kb.findByName('Antivirus／Antimalware', 'mitigation').map((o) => o.id);
    assert.deepEqual(found.sort(), ['M0949', 'M1049', 'M1058']);
    assert.deepEqual(
      kb.findByName('cozy bear').map((o) => o.id),
      ['G0016'],
    );
  });

  it('searches IDs and names by prefix and fuzzily, best first', () => {
    assert.equal(kb.search('T1059.00', { limit: 1 })[0].id.startsWith('T1059.00'), true);
    assert.equal(kb.search('PowerSh', { type: 'technique' })[0].id, 'T1059.001');
    assert.equal(kb.search('lmt sw inst')[0].id, 'M1033');
    assert.equal(kb.search('cmd scr', { type: 'technique', domain: 'enterprise' })[0].id, 'T1059');
    assert.ok(
      kb.search('exec', { type: 'tactic', domain: 'ics' }).every((o) => o.domains.includes('ics')),
    );
    assert.equal(kb.search('T1086')[0].id, 'T1086', 'an exact revoked ID still shows');
    assert.equal(kb.search('zzzzqqq').length, 0);
    assert.equal(kb.search('a', { limit: 3 }).length, 3);
  });
});
