import { strict as assert } from 'node:assert';
import type { IndexedNote } from '../../../server/src/core/index/types';
import { VAULT_SOURCE_NAME } from '../../../server/src/core/kb/knowledgeBase';
import { vaultDefinitionsOf } from '../../../server/src/core/kb/vaultDefinitions';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { catalogKnowledgeBase } from './attackData';

describe('kb vault definitions', () => {
  const base = catalogKnowledgeBase();
  const kb = base.withVaultDefinitions([
    { id: 'M9001', name: 'Company EDR Policy', uri: 'file:///vault/M9001.md', kind: 'mitigation' },
    { id: 't9100', name: 'Payroll Portal Abuse', uri: 'file:///vault/T9100.md' },
    { id: 'T1059.900', name: 'Company Script Host', uri: 'file:///vault/T1059.900.md' },
    // ATT&CK's own ID: the note does not override ATT&CK's name.
    { id: 'M1033', name: 'Our Own Name', uri: 'file:///vault/M1033.md', kind: 'mitigation' },
    { id: 'Q1234', name: 'Not an ATT&CK ID', uri: 'file:///vault/Q1234.md', kind: 'other' },
  ]);

  it('makes IDs that notes define known, with the note as their definition', () => {
    const custom = kb.get('m9001');
    assert.equal(custom?.name, 'Company EDR Policy');
    assert.equal(custom?.type, 'mitigation');
    assert.equal(custom?.definitionUri, 'file:///vault/M9001.md');
    assert.equal(custom?.source, VAULT_SOURCE_NAME);
    assert.equal(kb.get('T9100')?.type, 'technique', 'kind from the ID prefix');
    assert.equal(kb.resolve('T9100')?.object.id, 'T9100');
    assert.ok(kb.subtechniquesOf('T1059').includes('T1059.900'));
    assert.equal(kb.get('Q1234'), undefined);
  });

  it('only adds IDs: ATT&CK objects keep their names and sources', () => {
    assert.equal(kb.get('M1033')?.name, 'Limit Software Installation');
    assert.equal(kb.get('M1033')?.definitionUri, undefined);
  });

  it('lists, searches and names vault objects, and leaves the base untouched', () => {
    assert.ok(kb.all('mitigation').some((o) => o.id === 'M9001'));
    assert.ok(kb.all('mitigation', 'enterprise').some((o) => o.id === 'M9001'));
    assert.equal(kb.search('company edr')[0]?.id, 'M9001');
    assert.deepEqual(
      kb.findByName('COMPANY edr policy').map((o) => o.id),
      ['M9001'],
    );
    const vault = kb.sources.find((s) => s.kind === 'vault');
    assert.deepEqual(vault?.counts, { mitigation: 1, technique: 2 });
    assert.equal(base.get('M9001'), undefined);
    assert.equal(base.sources.length, 1);
  });
});

describe('kb vault definitions from the index', () => {
  const indexed = (vaultPath: string, text: string): IndexedNote => {
    const uri = `file:///vault/${vaultPath}`;
    const note = parseNote(text, uri);
    return {
      uri,
      folderUri: 'file:///vault',
      vaultPath,
      name: vaultPath.replace(/\.md$/, '').split('/').pop()!,
      identity: note.identity,
      aliases: [],
      linkNames: [],
      mentionedIds: new Set(),
      text,
      note,
      modelForOneUse: () => note,
    };
  };

  it('takes the ID from the note and its file name as the name, as links name it', () => {
    const definitions = vaultDefinitionsOf([
      indexed('mitigations/M9001-Company_EDR_Policy.md', '# Company EDR Policy\n\nText.\n'),
      indexed('techniques/T9100.md', 'No heading here.\n'),
      indexed('notes/plain.md', '# Just a note\n'),
    ]);
    assert.deepEqual(
      definitions.map((d) => [d.id, d.name, d.uri]),
      [
        [
          'M9001',
          'M9001-Company_EDR_Policy',
          'file:///vault/mitigations/M9001-Company_EDR_Policy.md',
        ],
        ['T9100', 'T9100', 'file:///vault/techniques/T9100.md'],
      ],
    );
  });
});
