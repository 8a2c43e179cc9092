import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseNote } from '../../../server/src/core/model/parseNote';
import type { Note, Spanned } from '../../../server/src/core/model/types';
import { describeWithShared, sharedPath, type SharedData } from '../../support/sharedData';
import { BLOCK_PROVIDERS, onLine, range } from './modelTestSupport';

// One note of each kind from both dialects, with a representative subset of the model pinned to
// exact ranges. The kb vault has no group notes; its software notes have the same shape (a
// `Techniques Used` table with a Use column), so Mimikatz stands in for the group.

interface VaultNoteCase {
  title: string;
  vault: SharedData;
  path: string[];
  check: (note: Note) => void;
}

/** Where the kb-dialect vault keeps its ATT&CK notes. */
const KB = ['kb', 'mitre', 'attack'];

function spanned(text: string, line: number, start: number, end: number): Spanned {
  return { text, range: onLine(line, start, end) };
}

function sectionKeys(note: Note): string[] {
  return note.sections.map((section) => section.key);
}

const CASES: VaultNoteCase[] = [
  {
    title: 'enterprise tactic (Execution)',
    vault: 'enterprise',
    path: ['tactics', 'Execution.md'],
    check: (note) => {
      assert.deepEqual(note.identity, {
        id: 'TA0002',
        kind: 'tactic',
        source: 'frontmatter',
        range: onLine(1, 7, 13),
      });
      assert.deepEqual(sectionKeys(note), ['ta0002', 'references']);
      assert.deepEqual(note.sections[0].range, range(4, 0, 13, 0));
      assert.deepEqual(note.sections[1].range, range(11, 0, 13, 0));
      assert.deepEqual(note.references, [
        {
          range: onLine(12, 0, 55),
          name: spanned('mitre-attack', 12, 2, 14),
          url: spanned('https://attack.mitre.org/tactics/TA0002', 12, 16, 55),
        },
      ]);
      assert.equal(note.tables.length, 0);
      assert.equal(note.wikilinks.length, 0);
    },
  },
  {
    title: 'enterprise technique (Python)',
    vault: 'enterprise',
    path: ['techniques', 'Python.md'],
    check: (note) => {
      assert.equal(note.identity?.id, 'T1059.006');
      assert.deepEqual(sectionKeys(note), [
        't1059.006',
        'tactic',
        'platforms',
        'permissions required',
        'mitigations',
        'references',
      ]);
      assert.deepEqual(
        note.sections[2].items.map((item) => [item.text, item.textRange]),
        [
          ['ESXi', onLine(15, 2, 6)],
          ['Linux', onLine(16, 2, 7)],
          ['macOS', onLine(17, 2, 7)],
          ['Windows', onLine(18, 2, 9)],
        ],
      );
      assert.deepEqual(note.wikilinks[0].target, spanned('Execution', 12, 4, 13));
      assert.equal(note.wikilinks[0].inTable, false);
      const table = note.tables[0];
      assert.equal(table.sectionIndex, 4);
      assert.deepEqual(table.range, range(24, 0, 29, 132));
      assert.deepEqual(
        table.rows[0].cells[0],
        spanned('[[Limit Software Installation\\|M1033]]', 26, 2, 40),
      );
      const audit = note.wikilinks[3];
      assert.deepEqual(
        [audit.target, audit.alias, audit.escapedPipe, audit.inTable],
        [spanned('Audit', 28, 4, 9), spanned('M1047', 28, 11, 16), true, true],
      );
      assert.deepEqual(note.wikilinks[4].target, spanned('Antivirus／Antimalware', 29, 4, 25));
      assert.deepEqual(
        note.citations[0].name,
        spanned('Zscaler APT31 Covid-19 October 2020', 6, 419, 454),
      );
      assert.deepEqual(
        note.references[1].name,
        spanned('Zscaler APT31 Covid-19 October 2020', 36, 2, 37),
      );
    },
  },
  {
    title: 'enterprise mitigation (Audit)',
    vault: 'enterprise',
    path: ['mitigations', 'Audit.md'],
    check: (note) => {
      assert.deepEqual(note.identity?.range, onLine(1, 7, 12));
      assert.equal(note.identity?.kind, 'mitigation');
      assert.deepEqual(sectionKeys(note), [
        'm1047',
        'techniques addressed by mitigation',
        'references',
      ]);
      // Bullets in the description are the ID section's items.
      assert.equal(note.sections[0].items.length, 10);
      assert.deepEqual(note.sections[0].items[0], {
        text: 'Use Case: Regularly assess system configurations to ensure compliance with organizational security policies.',
        range: onLine(12, 0, 110),
        textRange: onLine(12, 2, 110),
      });
      const table = note.tables[0];
      assert.deepEqual(
        [table.range, table.rows.length, table.sectionIndex],
        [range(38, 0, 148, 172), 109, 1],
      );
      assert.deepEqual(table.rows[0].cells[1], spanned('Remote Services', 40, 31, 46));
      assert.deepEqual(note.wikilinks[0].alias, spanned('T1021', 40, 21, 26));
      assert.equal(note.wikilinks.length, 109);
      assert.deepEqual(note.sections[2].items[1].range, onLine(155, 0, 53));
      assert.deepEqual(note.references[1], {
        range: onLine(155, 0, 53),
        name: spanned('W3C', 155, 2, 5),
        url: spanned('https://www.w3.org/TR/fingerprinting-guidance/', 155, 7, 53),
      });
    },
  },
  {
    title: 'enterprise group (APT28)',
    vault: 'enterprise',
    path: ['groups', 'APT28.md'],
    check: (note) => {
      // The alias holds names, so the ID comes from the `## G0007` heading.
      assert.deepEqual(note.identity, {
        id: 'G0007',
        kind: 'group',
        source: 'heading',
        range: onLine(4, 3, 8),
      });
      assert.equal(note.frontmatter?.fields[0].value?.text.split(', ')[0], 'APT28');
      assert.deepEqual(sectionKeys(note), ['g0007', 'techniques used', 'references']);
      const table = note.tables[0];
      assert.deepEqual(
        table.header.cells.map((cell) => cell.text),
        ['ID', 'Name', 'Use'],
      );
      assert.deepEqual([table.range, table.rows.length], [range(13, 0, 105, 259), 91]);
      assert.deepEqual(note.wikilinks[0].target, spanned('Junk Data', 15, 4, 13));
      assert.deepEqual(note.wikilinks[0].alias, spanned('T1001.001', 15, 15, 24));
      assert.deepEqual(note.citations[0], {
        range: onLine(6, 213, 253),
        name: spanned('NSA/FBI Drovorub August 2020', 6, 224, 252),
      });
      assert.equal(note.citations.length, 191);
      // Reference lines without a URL (the group's alias names) keep only a name.
      assert.deepEqual(note.references[1], {
        range: onLine(112, 0, 15),
        name: spanned('SNAKEMACKEREL', 112, 2, 15),
      });
      assert.equal(note.references.length, 70);
    },
  },
  {
    title: 'kb tactic (TA0002-Execution)',
    vault: 'kb-dialect',
    path: [...KB, 'tactics', 'TA0002-Execution.md'],
    check: (note) => {
      assert.deepEqual(note.identity, {
        id: 'TA0002',
        kind: 'tactic',
        source: 'frontmatter',
        range: onLine(2, 6, 12),
      });
      const [aliases, tags, mitreAttack] = note.frontmatter?.fields ?? [];
      assert.deepEqual(aliases, {
        key: 'aliases',
        keyRange: onLine(1, 0, 7),
        items: [spanned('TA0002', 2, 6, 12)],
      });
      assert.deepEqual(tags.items, [
        spanned('attack/domain/enterprise_attack', 5, 6, 37),
        spanned('attack/type/tactic', 7, 6, 24),
      ]);
      assert.deepEqual(
        mitreAttack.value,
        spanned('kb/mitre/attack/tactics/TA0002-Execution', 9, 14, 54),
      );
      assert.deepEqual(sectionKeys(note), ['description', 'techniques']);
      const table = note.tables[0];
      assert.deepEqual(
        [table.range, table.rows.length, table.sectionIndex],
        [range(18, 0, 83, 2458), 64, 1],
      );
      assert.deepEqual(
        table.rows[0].cells[0],
        spanned(
          '[[kb/mitre/attack/techniques/T1047-Windows_Management_Instrumentation\\|T1047]]',
          20,
          2,
          80,
        ),
      );
      assert.deepEqual(note.citations[0], {
        range: onLine(20, 339, 358),
        name: spanned('WMI 1-3', 20, 350, 357),
      });
      assert.deepEqual(note.wikilinks[1].alias, spanned('Remote Services', 20, 614, 629));
      assert.equal(note.wikilinks[1].inTable, true);
    },
  },
  {
    title: 'kb technique (T1059.006-Python)',
    vault: 'kb-dialect',
    path: [...KB, 'techniques', 'T1059.006-Python.md'],
    check: (note) => {
      assert.deepEqual(note.identity?.range, onLine(2, 6, 15));
      const platforms = note.frontmatter?.fields.find((field) => field.key === 'platforms');
      // Not clean data, kept as written: one item instead of four.
      assert.deepEqual(platforms?.items, [spanned('ESXi - Linux - macOS - Windows', 18, 7, 37)]);
      assert.deepEqual(note.frontmatter?.data?.['permissions required'], ['none']);
      assert.deepEqual(sectionKeys(note), ['description', 'procedure examples', 'mitigations']);
      assert.deepEqual(
        note.tables.map((table) => [table.range, table.sectionIndex]),
        [
          [range(29, 0, 35, 171), 1],
          [range(41, 0, 46, 166), 2],
        ],
      );
      assert.deepEqual(
        note.tables[1].rows[3].cells[1],
        spanned('Antivirus／Antimalware', 46, 71, 92),
      );
      assert.deepEqual(
        note.footnoteReferences.map((reference) => [reference.label, reference.range]),
        [
          ['7', onLine(25, 397, 401)],
          ['6', onLine(31, 322, 326)],
          ['3', onLine(32, 132, 136)],
          ['5', onLine(33, 225, 229)],
          ['2', onLine(34, 231, 235)],
          ['4', onLine(34, 236, 240)],
          ['1', onLine(35, 163, 167)],
        ],
      );
      assert.equal(note.footnoteDefinitions.length, 7);
      assert.deepEqual(note.footnoteDefinitions[6], {
        range: onLine(66, 2, 163),
        label: spanned('7', 66, 4, 5),
        name: spanned('Zscaler APT31 Covid-19 October 2020', 66, 9, 44),
        url: spanned(
          'https://www.zscaler.com/blogs/security-research/apt-31-leverages-covid-19-vaccine-theme-and-abuses-legitimate-online',
          66,
          46,
          162,
        ),
      });
      assert.deepEqual(note.references, []);
    },
  },
  {
    title: 'kb mitigation (M1047-Audit)',
    vault: 'kb-dialect',
    path: [...KB, 'mitigations', 'M1047-Audit.md'],
    check: (note) => {
      assert.deepEqual(note.identity, {
        id: 'M1047',
        kind: 'mitigation',
        source: 'frontmatter',
        range: onLine(2, 6, 11),
      });
      assert.deepEqual(sectionKeys(note), ['description', 'techniques addressed by mitigation']);
      assert.deepEqual(note.sections[1].range, range(16, 0, 214, 0));
      const table = note.tables[0];
      assert.deepEqual([table.range, table.rows.length], [range(17, 0, 128, 228), 110]);
      assert.deepEqual(
        note.wikilinks[1].target,
        spanned('kb/mitre/attack/techniques/T1021.001-Remote_Desktop_Protocol', 20, 4, 64),
      );
      assert.deepEqual(note.wikilinks[1].alias, spanned('T1021.001', 20, 66, 75));
      assert.deepEqual(note.footnoteReferences[0], { range: onLine(26, 294, 299), label: '39' });
      assert.deepEqual(note.footnoteDefinitions[1], {
        range: onLine(135, 2, 71),
        label: spanned('2', 135, 4, 5),
        name: spanned('GitHub Bloodhound', 135, 9, 26),
        url: spanned('https://github.com/BloodHoundAD/BloodHound', 135, 28, 70),
      });
    },
  },
  {
    title: 'kb software in place of a group (S0002-Mimikatz)',
    vault: 'kb-dialect',
    path: [...KB, 'software', 'S0002-Mimikatz.md'],
    check: (note) => {
      assert.deepEqual(note.identity, {
        id: 'S0002',
        kind: 'software',
        source: 'frontmatter',
        range: onLine(2, 6, 11),
      });
      assert.deepEqual(sectionKeys(note), ['description', 'techniques used']);
      assert.deepEqual(
        note.tables[0].header.cells.map((cell) => cell.text),
        ['ID', 'Name', 'Use'],
      );
      assert.deepEqual(note.tables[0].rows.length, 17);
      // The kb dialect escapes the alias pipe in running text too.
      const inText = note.wikilinks[0];
      assert.deepEqual(
        [inText.range, inText.escapedPipe, inText.inTable],
        [onLine(16, 0, 53), true, false],
      );
      assert.deepEqual(inText.alias, spanned('Mimikatz', 16, 43, 51));
      assert.deepEqual(note.footnoteReferences.slice(0, 2), [
        { range: onLine(16, 235, 239), label: '4' },
        { range: onLine(16, 241, 245), label: '9' },
      ]);
      assert.deepEqual(note.footnoteDefinitions[0], {
        range: onLine(44, 2, 53),
        label: spanned('1', 44, 4, 5),
        name: spanned('Metcalf 2015', 44, 9, 21),
        url: spanned('http://adsecurity.org/?p=1275', 44, 23, 52),
      });
    },
  },
];

for (const [providerName, blocks] of BLOCK_PROVIDERS) {
  describeWithShared(
    `note model: vault notes of each kind (${providerName} blocks)`,
    ['enterprise', 'kb-dialect'],
    () => {
      for (const testCase of CASES) {
        it(testCase.title, () => {
          const file = sharedPath(testCase.vault, ...testCase.path);
          testCase.check(
            parseNote(readFileSync(file, 'utf8'), pathToFileURL(file).toString(), { blocks }),
          );
        });
      }
    },
  );
}
