import { strict as assert } from 'node:assert';
import { navigatorLayer } from '../../../server/src/core/features/coverage/navigatorLayer';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { parseRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import { ObjectLayer } from '../../../server/src/core/kb/layers';
import { catalogLayerForTests } from '../kb/attackData';
import { memoryVault } from '../support/memoryVault';
import { computeCoverage } from '../../../server/src/core/features/coverage/computeCoverage';
import { listedMitigationsOf } from '../../../server/src/core/features/coverage/listedMitigations';
import { coverageOf, recordOf, sharedCatalogKb, techniqueNote } from './support';

const PYTHON_MAPPED = ['M1033', 'M1038', 'M1047', 'M1049'];
const EXECUTION = 'Execution (TA0002)';

describe('coverage records', () => {
  it('a technique with a note: the note, the mapped mitigations its table lists, no problems', () => {
    const records = coverageOf({
      'techniques/Python.md': techniqueNote('T1059.006', {
        tactics: [EXECUTION],
        mitigations: ['M1038', 'M1047'],
      }),
    });
    const python = recordOf(records, 'T1059.006');
    assert.deepEqual(
      python.notes.map((note) => [
        note.vaultPath,
        note.listedMitigations,
        note.errors,
        note.warnings,
      ]),
      [['techniques/Python.md', 2, 0, 0]],
    );
    assert.equal(python.mappedMitigations, PYTHON_MAPPED.length);
    assert.equal(python.listedMitigations, 2);
    assert.equal(python.parent, 'T1059');
    assert.deepEqual(python.tactics, ['execution']);
    assert.equal(python.origin, 'attack');
    assert.equal(python.drifted, false);
    assert.equal(recordOf(records, 'T1059').notes.length, 0);
    assert.equal(records.summary.covered, 1);
    assert.equal(records.summary.techniques, records.techniques.length);
    assert.equal(records.summary.mappedMitigations, 4);
    assert.equal(records.summary.listedMitigations, 2);
    assert.equal(
      records.summary.text,
      `1 of ${records.techniques.length} techniques have notes; 50% of mapped mitigations listed`,
    );
  });

  it('an ID the table writes malformed counts as the ID meant, as mitigation-missing reads it', () => {
    const records = coverageOf({
      'techniques/Python.md': techniqueNote('T1059.006', {
        tactics: [EXECUTION],
        mitigations: ['m-1038', 'M1047', 'M1026'],
      }),
    });
    // M1026 is not mapped to T1059.006: listed, but not one of the mapped ones.
    assert.equal(recordOf(records, 'T1059.006').listedMitigations, 2);
  });

  it('a row lists the mitigation its ID cell writes, whether or not its link resolves', () => {
    // What the issue counts is what the note's table lists: deleting the mitigations' notes (half
    // a vault copied and cut) breaks the links of the rows, not what they list. The same rows
    // read the same in the complete records and in the server's deferred ones.
    const row = (cell: string) =>
      techniqueNote('T1059.006', { tactics: [EXECUTION], mitigations: ['M1026'] }).replace(
        /\| M1026 .*/,
        `| ${cell} | Audit | Here. |`,
      );
    const audit = '---\nalias: M1047\n---\n\n## M1047\n';
    for (const cell of ['[[Audit\\|M1047]]', '[[mitigations/M1047]]', 'M1047']) {
      const variants: Record<string, string>[] = [
        { 'techniques/Python.md': row(cell), 'mitigations/Audit.md': audit },
        { 'techniques/Python.md': row(cell) },
      ];
      for (const files of variants) {
        const record = recordOf(coverageOf(files), 'T1059.006');
        assert.equal(record.listedMitigations, 1, `${cell}, ${Object.keys(files).length} notes`);
      }
    }
    // A link that writes no ID (`[[Audit]]`) lists nothing, note or not: the rule
    // `mitigation-missing` reads the row the same way, so the matrix and the findings agree.
    const variants: Record<string, string>[] = [
      { 'techniques/Python.md': row('[[Audit]]'), 'mitigations/Audit.md': audit },
      { 'techniques/Python.md': row('[[Audit]]') },
    ];
    for (const files of variants) {
      assert.equal(recordOf(coverageOf(files), 'T1059.006').listedMitigations, 0);
    }
  });

  it('several notes claiming one ID are all listed, by path; the fullest table counts', () => {
    const records = coverageOf({
      'techniques/Python.md': techniqueNote('T1059.006', {
        tactics: [EXECUTION],
        mitigations: ['M1038'],
      }),
      'drafts/Python.md': techniqueNote('T1059.006', {
        tactics: [EXECUTION],
        mitigations: PYTHON_MAPPED,
      }),
    });
    const python = recordOf(records, 'T1059.006');
    assert.deepEqual(
      python.notes.map((note) => [note.vaultPath, note.listedMitigations]),
      [
        ['drafts/Python.md', 4],
        ['techniques/Python.md', 1],
      ],
    );
    assert.equal(python.listedMitigations, 4);
    assert.equal(records.summary.covered, 1);
    assert.equal(records.summary.notes, 2);
  });

  it("errors and warnings are the note's diagnostics; drift is an attack-drift finding", () => {
    const files = {
      // Named unlike the technique (drift), an unknown and a malformed mitigation ID.
      'techniques/Snake charming.md': techniqueNote('T1059.006', {
        tactics: [EXECUTION],
        mitigations: ['M1038', 'M9999', 'Mxyz'],
      }),
    };
    const records = coverageOf(files);
    const note = recordOf(records, 'T1059.006').notes[0];
    const index = memoryVault(files);
    const kb = AttackKnowledgeBase.fromLayers([catalogLayerForTests()]).withVaultDefinitions(
      vaultDefinitions(index),
    );
    const found = computeDiagnostics(
      index.get(note.uri)!.note,
      index,
      kb,
      parseRuleConfig(undefined).config,
    );
    const count = (severity: number) => found.filter((d) => d.severity === severity).length;
    assert.ok(count(1) > 0 && count(2) > 0, 'the note was written to have errors and warnings');
    assert.equal(note.errors, count(1));
    assert.equal(note.warnings, count(2));
    assert.ok(found.some((d) => d.code === 'attack-drift'));
    assert.equal(note.drifted, true);
    assert.equal(records.summary.withErrors, 1);
    assert.equal(records.summary.drifted, 1);
  });

  it('a note whose findings are not known yet is marked pending, and counted as such', () => {
    const index = memoryVault({
      'techniques/Python.md': techniqueNote('T1059.006', { tactics: [EXECUTION] }),
    });
    const records = computeCoverage({
      index,
      kb: sharedCatalogKb().withVaultDefinitions(vaultDefinitions(index)),
      domain: 'enterprise',
      diagnosticsOf: () => undefined,
    });
    const note = recordOf(records, 'T1059.006').notes[0];
    assert.deepEqual([note.pending, note.errors, note.warnings, note.drifted], [true, 0, 0, false]);
    assert.equal(records.summary.pendingNotes, 1);
    assert.equal(coverageOf({}).summary.pendingNotes, undefined);

    // Deferred parsing: a table not read before is pending too, until someone reads it.
    const fresh = memoryVault({
      'techniques/Python.md': techniqueNote('T1059.006', { tactics: [EXECUTION] }),
    });
    const input = {
      index: fresh,
      kb: sharedCatalogKb().withVaultDefinitions(vaultDefinitions(fresh)),
      domain: 'enterprise' as const,
      diagnosticsOf: () => [],
      deferParsing: true,
    };
    const python = () => recordOf(computeCoverage(input), 'T1059.006').notes[0];
    assert.equal(python().pending, true);
    listedMitigationsOf(fresh.get(note.uri)!, input.kb);
    assert.equal(python().pending, undefined);
  });

  it('notes of revoked and deprecated techniques are reported and not counted', () => {
    const records = coverageOf({
      'techniques/PowerShell (old).md': techniqueNote('T1086', { tactics: [EXECUTION] }),
      'techniques/Scripting.md': techniqueNote('T1064', { tactics: [EXECUTION] }),
    });
    assert.deepEqual(
      records.retiredNotes.map((note) => [note.id, note.state, note.replacedBy, note.vaultPath]),
      [
        ['T1064', 'deprecated', undefined, 'techniques/Scripting.md'],
        ['T1086', 'revoked', 'T1059.001', 'techniques/PowerShell (old).md'],
      ],
    );
    assert.equal(records.summary.covered, 0);
    assert.equal(records.summary.retiredNotes, 2);
    assert.equal(
      records.techniques.some((record) => record.id === 'T1086' || record.id === 'T1064'),
      false,
    );
    assert.equal(records.summary.text, `0 of ${records.techniques.length} techniques have notes`);
  });

  it('a sub-technique whose parent technique has no note is flagged', () => {
    const scheduledTask = techniqueNote('T1053.005', { tactics: [EXECUTION] });
    const alone = coverageOf({ 'techniques/Scheduled Task.md': scheduledTask });
    assert.equal(recordOf(alone, 'T1053.005').parentWithoutNote, true);
    assert.equal(alone.summary.subtechniquesWithoutParentNote, 1);

    const withParent = coverageOf({
      'techniques/Scheduled Task.md': scheduledTask,
      'techniques/Scheduled Task／Job.md': techniqueNote('T1053', { tactics: [EXECUTION] }),
    });
    assert.equal(recordOf(withParent, 'T1053.005').parentWithoutNote, false);
    assert.equal(recordOf(withParent, 'T1053').parentWithoutNote, false);
    assert.equal(withParent.summary.subtechniquesWithoutParentNote, 0);
  });

  it('IDs only a user bundle defines are kept in the records and left out of the layer', () => {
    const bundle = new ObjectLayer({ name: 'custom.json', kind: 'stix-bundle', counts: {} }, [
      {
        id: 'T1059.999',
        name: 'Network Device CLI',
        type: 'technique',
        domains: ['enterprise'],
        parent: 'T1059',
        tactics: ['TA0002'],
        source: 'custom.json',
      },
    ]);
    const kb = AttackKnowledgeBase.fromLayers([catalogLayerForTests(), bundle]);
    const records = coverageOf(
      {
        'techniques/Network Device CLI.md': techniqueNote('T1059.999', { tactics: [EXECUTION] }),
        'techniques/Python.md': techniqueNote('T1059.006', { tactics: [EXECUTION] }),
      },
      'enterprise',
      kb,
    );
    const custom = recordOf(records, 'T1059.999');
    assert.equal(custom.origin, 'user-bundle');
    assert.equal(custom.notes.length, 1);
    assert.deepEqual(custom.tactics, ['execution']);
    assert.equal(recordOf(records, 'T1059.006').origin, 'attack');
    assert.equal(records.summary.customTechniques, 1);
    assert.equal(records.summary.covered, 2);

    const { layer, customLeftOut } = navigatorLayer(records, { score: 'notes', name: 'test' });
    assert.equal(customLeftOut, 1);
    assert.deepEqual(
      layer.techniques.map((entry) => entry.techniqueID),
      ['T1059.006'],
    );
  });

  it('an ID only a vault note defines is a record of its own, in no tactic', () => {
    const records = coverageOf({
      'techniques/Badge cloning.md': techniqueNote('T1999', {}),
    });
    const own = recordOf(records, 'T1999');
    assert.equal(own.origin, 'vault');
    assert.deepEqual(own.tactics, []);
    assert.equal(own.notes.length, 1);
  });

  it('covers the asked domain only', () => {
    const files = {
      'techniques/Python.md': techniqueNote('T1059.006', { tactics: [EXECUTION] }),
      'ics/Activate Firmware Update Mode.md': techniqueNote('T0800', {}),
    };
    const ics = coverageOf(files, 'ics');
    assert.equal(ics.domain, 'ics');
    assert.equal(
      ics.techniques.some((record) => record.id === 'T1059.006'),
      false,
    );
    assert.equal(recordOf(ics, 'T0800').notes.length, 1);
    assert.equal(ics.summary.covered, 1);
    assert.deepEqual(recordOf(ics, 'T0800').tactics, ['inhibit-response-function']);
  });
});
