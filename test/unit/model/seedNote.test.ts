import { strict as assert } from 'node:assert';
import { parseNote } from '../../../server/src/core/model/parseNote';
import type { Note } from '../../../server/src/core/model/types';
import { seedVariants, sharedSkipReason } from '../../support/sharedData';
import { BLOCK_PROVIDERS, onLine, range } from './modelTestSupport';

// The seed note (T1059.006, Python) pinned completely: every section, row, cell, link, citation
// and reference with its exact range. Both block providers must give this same model. It runs on
// the owned stand-in (test/fixtures/seed: the same lines, links and line lengths, our own prose)
// everywhere, and on the seed as received too when ../shared is there.
const LONG_PREFIX =
  'CyberSecurity/Security+/1-Threats-Attacks-Vulnerabilities/Attacking-Frameworks/MITRE ATT&CK/ICS-Attack/';

/** The Description cell of each Mitigations row: the prose the two variants do not share. */
function descriptionCells(text: string): string[] {
  return text
    .split('\n')
    .slice(25, 29)
    .map((line) => line.split(' | ')[2].replace(/\s*\|$/, ''));
}

const OWNED_DESCRIPTIONS = [
  'Install Python only on the hosts where someone needs it.',
  'Block Python where nobody needs it.',
  'Let endpoint protection quarantine Python files that look malicious.',
  'Look for Python installs that were never approved by IT.',
];

const received = sharedSkipReason('seed');
if (received) it(`note model: the seed note as received — ${received}`);

for (const seed of seedVariants())
  for (const [providerName, blocks] of BLOCK_PROVIDERS) {
    describe(`note model: the seed note, ${seed.name} (${providerName} blocks)`, function () {
      let note: Note;
      // The owned variant's cells are pinned here; the received one's are read from its lines.
      const descriptions = seed.name === 'owned' ? OWNED_DESCRIPTIONS : descriptionCells(seed.text);

      before(function () {
        note = parseNote(seed.text, seed.uri, { blocks });
      });

      it('reads the front matter and the identity from `alias`', () => {
        assert.deepEqual(note.frontmatter?.range, range(0, 0, 2, 3));
        assert.deepEqual(note.frontmatter?.data, { alias: 'T1059.006' });
        assert.equal(note.frontmatter?.error, undefined);
        assert.deepEqual(note.frontmatter?.fields, [
          {
            key: 'alias',
            keyRange: onLine(1, 0, 5),
            value: { text: 'T1059.006', range: onLine(1, 7, 16) },
            items: [],
          },
        ]);
        assert.deepEqual(note.identity, {
          id: 'T1059.006',
          kind: 'technique',
          source: 'frontmatter',
          range: onLine(1, 7, 16),
        });
        assert.deepEqual(note.fullRange, range(0, 0, 36, 0));
      });

      it('finds every section with its range and items', () => {
        const summary = note.sections.map((section) => ({
          level: section.heading.level,
          text: section.heading.text,
          key: section.key,
          headingRange: section.heading.range,
          textRange: section.heading.textRange,
          range: section.range,
          items: section.items.map((item) => [item.text, item.range, item.textRange]),
        }));
        assert.deepEqual(summary, [
          {
            level: 2,
            text: 'T1059.006',
            key: 't1059.006',
            headingRange: onLine(4, 0, 12),
            textRange: onLine(4, 3, 12),
            range: range(4, 0, 36, 0),
            items: [],
          },
          {
            level: 3,
            text: 'Tactic',
            key: 'tactic',
            headingRange: onLine(11, 0, 10),
            textRange: onLine(11, 4, 10),
            range: range(11, 0, 13, 0),
            items: [
              [
                `[[${LONG_PREFIX}tactics/Execution]] (TA0002)`,
                onLine(12, 0, 135),
                onLine(12, 2, 135),
              ],
            ],
          },
          {
            level: 3,
            text: 'Platforms',
            key: 'platforms',
            headingRange: onLine(14, 0, 13),
            textRange: onLine(14, 4, 13),
            range: range(14, 0, 18, 0),
            items: [
              ['Linux', onLine(15, 0, 7), onLine(15, 2, 7)],
              ['Windows', onLine(16, 0, 9), onLine(16, 2, 9)],
              ['macOS', onLine(17, 0, 7), onLine(17, 2, 7)],
            ],
          },
          {
            level: 3,
            text: 'Permissions Required',
            key: 'permissions required',
            headingRange: onLine(19, 0, 24),
            textRange: onLine(19, 4, 24),
            range: range(19, 0, 20, 0),
            items: [],
          },
          {
            level: 3,
            text: 'Mitigations',
            key: 'mitigations',
            headingRange: onLine(21, 0, 15),
            textRange: onLine(21, 4, 15),
            // Up to the `---` rule on the line before `### References`.
            range: range(21, 0, 31, 3),
            items: [],
          },
          {
            level: 3,
            text: 'References',
            key: 'references',
            headingRange: onLine(32, 0, 14),
            textRange: onLine(32, 4, 14),
            range: range(32, 0, 36, 0),
            items: [
              [
                'mitre-attack: https://attack.mitre.org/techniques/T1059/006',
                onLine(34, 0, 61),
                onLine(34, 2, 61),
              ],
              [
                'Zscaler APT31 Covid-19 October 2020: https://www.zscaler.com/blogs/security-research/apt-31-leverages-covid-19-vaccine-theme-and-abuses-legitimate-online',
                onLine(35, 0, 155),
                onLine(35, 2, 155),
              ],
            ],
          },
        ]);
        assert.deepEqual(
          note.headings.map((heading) => heading.text),
          note.sections.map((section) => section.heading.text),
        );
      });

      it('reads the Mitigations table cell by cell', () => {
        assert.equal(note.tables.length, 1);
        const table = note.tables[0];
        assert.deepEqual(table.range, range(23, 0, 28, 202));
        assert.equal(table.sectionIndex, 4);
        assert.deepEqual(table.header, {
          range: onLine(23, 0, 27),
          cells: [
            { text: 'ID', range: onLine(23, 2, 4) },
            { text: 'Name', range: onLine(23, 7, 11) },
            { text: 'Description', range: onLine(23, 14, 25) },
          ],
        });
        assert.deepEqual(table.delimiter, {
          range: onLine(24, 0, 19),
          cells: [
            { text: '---', range: onLine(24, 2, 5) },
            { text: '---', range: onLine(24, 8, 11) },
            { text: '---', range: onLine(24, 14, 17) },
          ],
        });
        const rows = table.rows.map((row) => [
          row.range,
          row.cells.map((cell) => [cell.text, cell.range]),
        ]);
        assert.deepEqual(rows, [
          [
            onLine(25, 0, 246),
            [
              [
                `[[${LONG_PREFIX}mitigations/Limit Software Installation\\|M1033]]`,
                onLine(25, 2, 155),
              ],
              ['Limit Software Installation', onLine(25, 158, 185)],
              [descriptions[0], onLine(25, 188, 244)],
            ],
          ],
          [
            onLine(26, 0, 211),
            [
              [`[[${LONG_PREFIX}mitigations/Execution Prevention\\|M1038]]`, onLine(26, 2, 148)],
              ['Execution Prevention', onLine(26, 151, 171)],
              [descriptions[1], onLine(26, 174, 209)],
            ],
          ],
          [
            onLine(27, 0, 247),
            [
              [`[[${LONG_PREFIX}mitigations/Antivirus／Antimalware\\|M1049]]`, onLine(27, 2, 149)],
              ['Antivirus／Antimalware', onLine(27, 152, 173)],
              // Trimmed: the source has two spaces before the closing pipe.
              [descriptions[2], onLine(27, 176, 244)],
            ],
          ],
          [
            onLine(28, 0, 202),
            [
              [`[[${LONG_PREFIX}mitigations/Audit\\|M1047]]`, onLine(28, 2, 133)],
              ['Audit', onLine(28, 136, 141)],
              [descriptions[3], onLine(28, 144, 200)],
            ],
          ],
        ]);
      });

      it('finds every wikilink with target and alias ranges', () => {
        const links = note.wikilinks.map((link) => ({
          range: link.range,
          target: [link.target.text, link.target.range],
          alias: link.alias && [link.alias.text, link.alias.range],
          heading: link.heading,
          escapedPipe: link.escapedPipe,
          inTable: link.inTable,
          embed: link.embed,
        }));
        assert.deepEqual(links, [
          {
            range: onLine(12, 2, 126),
            target: [`${LONG_PREFIX}tactics/Execution`, onLine(12, 4, 124)],
            alias: undefined,
            heading: undefined,
            escapedPipe: false,
            inTable: false,
            embed: false,
          },
          {
            range: onLine(25, 2, 155),
            target: [`${LONG_PREFIX}mitigations/Limit Software Installation`, onLine(25, 4, 146)],
            alias: ['M1033', onLine(25, 148, 153)],
            heading: undefined,
            escapedPipe: true,
            inTable: true,
            embed: false,
          },
          {
            range: onLine(26, 2, 148),
            target: [`${LONG_PREFIX}mitigations/Execution Prevention`, onLine(26, 4, 139)],
            alias: ['M1038', onLine(26, 141, 146)],
            heading: undefined,
            escapedPipe: true,
            inTable: true,
            embed: false,
          },
          {
            range: onLine(27, 2, 149),
            // The full-width solidus is one UTF-16 unit, so the columns stay simple.
            target: [`${LONG_PREFIX}mitigations/Antivirus／Antimalware`, onLine(27, 4, 140)],
            alias: ['M1049', onLine(27, 142, 147)],
            heading: undefined,
            escapedPipe: true,
            inTable: true,
            embed: false,
          },
          {
            range: onLine(28, 2, 133),
            target: [`${LONG_PREFIX}mitigations/Audit`, onLine(28, 4, 124)],
            alias: ['M1047', onLine(28, 126, 131)],
            heading: undefined,
            escapedPipe: true,
            inTable: true,
            embed: false,
          },
        ]);
      });

      it('finds the citation and the reference lines', () => {
        assert.deepEqual(note.citations, [
          {
            range: onLine(6, 408, 455),
            name: { text: 'Zscaler APT31 Covid-19 October 2020', range: onLine(6, 419, 454) },
          },
        ]);
        assert.deepEqual(note.references, [
          {
            range: onLine(34, 0, 61),
            name: { text: 'mitre-attack', range: onLine(34, 2, 14) },
            url: {
              text: 'https://attack.mitre.org/techniques/T1059/006',
              range: onLine(34, 16, 61),
            },
          },
          {
            range: onLine(35, 0, 155),
            name: { text: 'Zscaler APT31 Covid-19 October 2020', range: onLine(35, 2, 37) },
            url: {
              text: 'https://www.zscaler.com/blogs/security-research/apt-31-leverages-covid-19-vaccine-theme-and-abuses-legitimate-online',
              range: onLine(35, 39, 155),
            },
          },
        ]);
        assert.deepEqual(note.footnoteReferences, []);
        assert.deepEqual(note.footnoteDefinitions, []);
        assert.deepEqual(note.directives, []);
      });
    });
  }
