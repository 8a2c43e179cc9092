import { strict as assert } from 'node:assert';
import { parseNote } from '../../../server/src/core/model/parseNote';
import type { Note } from '../../../server/src/core/model/types';
import { BLOCK_PROVIDERS, onLine, range } from './modelTestSupport';

const URI = 'file:///vault/techniques/Python.md';

/** The model without its text, for comparing two parses of differently encoded sources. */
function positionsOf(note: Note): string {
  return JSON.stringify({ ...note, text: undefined });
}

const SMALL_NOTE = [
  '---',
  'alias: T1059.006',
  '---',
  '',
  '## T1059.006',
  '',
  'Runs [[Python]] (Citation: Source A).',
  '',
  '### Mitigations',
  '| ID | Name |',
  '| --- | --- |',
  '| [[Audit\\|M1047]] | Audit |',
  '',
  '### References',
  '- Source A: https://example.com/a',
  '',
].join('\n');

for (const [providerName, blocks] of BLOCK_PROVIDERS) {
  describe(`note model: encodings and edge cases (${providerName} blocks)`, () => {
    const parse = (text: string, uri = URI): Note => parseNote(text, uri, { blocks });

    it('keeps exact ranges with CRLF line ends', () => {
      const lf = parse(SMALL_NOTE);
      const crlf = parse(SMALL_NOTE.replace(/\n/g, '\r\n'));
      assert.equal(positionsOf(crlf), positionsOf(lf));
      assert.deepEqual(crlf.wikilinks[1].alias, { text: 'M1047', range: onLine(11, 11, 16) });
      assert.deepEqual(crlf.references[0].url?.range, onLine(14, 12, 33));
      assert.deepEqual(crlf.frontmatter?.data, { alias: 'T1059.006' });
    });

    it('strips a leading BOM so positions match the editor text', () => {
      const withBom = parse('\uFEFF' + SMALL_NOTE);
      assert.equal(withBom.text, SMALL_NOTE);
      assert.equal(positionsOf(withBom), positionsOf(parse(SMALL_NOTE)));
      assert.equal(withBom.identity?.id, 'T1059.006');
      assert.deepEqual(withBom.identity?.range, onLine(1, 7, 16));
    });

    it('counts non-ASCII text in UTF-16 units and folds headings with NFKC', () => {
      const note = parse(
        '## Antivirus／Antimalware\n\n😀 see [[Antivirus／Antimalware\\|M1049]] and [[Café#Menü|ici]]\n',
      );
      assert.equal(note.sections[0].heading.text, 'Antivirus／Antimalware');
      assert.equal(note.sections[0].key, 'antivirus/antimalware');
      const [first, second] = note.wikilinks;
      // The emoji is a surrogate pair: two UTF-16 units.
      assert.deepEqual(first.range, onLine(2, 7, 39));
      assert.deepEqual(first.target, { text: 'Antivirus／Antimalware', range: onLine(2, 9, 30) });
      assert.deepEqual(second.target, { text: 'Café', range: onLine(2, 46, 50) });
      assert.deepEqual(second.heading, { text: 'Menü', range: onLine(2, 51, 55) });
      assert.deepEqual(second.alias, { text: 'ici', range: onLine(2, 56, 59) });
    });

    it('reports invalid YAML with its message and position, and still scans the keys', () => {
      const note = parse('---\nalias: T1059\ntags: [a, b\nfoo: bar\n---\n# Title\n');
      const frontmatter = note.frontmatter;
      assert.ok(frontmatter);
      assert.equal(frontmatter.data, undefined);
      assert.equal(frontmatter.error?.message, 'missed comma between flow collection entries');
      assert.deepEqual(frontmatter.error?.range, onLine(3, 0, 8));
      assert.deepEqual(frontmatter.range, range(0, 0, 4, 3));
      assert.deepEqual(
        frontmatter.fields.map((field) => field.key),
        ['alias', 'tags', 'foo'],
      );
      assert.equal(note.identity?.id, 'T1059');
      assert.equal(note.headings[0].text, 'Title');
    });

    it('maps a YAML error position with CRLF line ends and rejects a non-mapping', () => {
      const indented = parse('---\r\nalias: T1\r\n  bad: indent\r\n---\r\n');
      assert.equal(indented.frontmatter?.error?.message, 'bad indentation of a mapping entry');
      assert.deepEqual(indented.frontmatter?.error?.range, onLine(2, 5, 13));
      const scalar = parse('---\njust a string\n---\n');
      assert.equal(scalar.frontmatter?.error?.message, 'Front matter is not a YAML mapping');
      assert.deepEqual(scalar.frontmatter?.error?.range, onLine(1, 0, 13));
    });

    it('reads front matter scalars, quoted values, flow and block lists with ranges', () => {
      const note = parse(
        [
          '---',
          'aliases: ',
          '    - T1059.006',
          '    ',
          '    - "Python"',
          'tags: [attack/execution, "platform/linux" ]',
          "title: 'Python' # comment",
          'permissions required:',
          '- none',
          '---',
          '',
        ].join('\n'),
      );
      const fields = note.frontmatter?.fields ?? [];
      assert.deepEqual(fields[0], {
        key: 'aliases',
        keyRange: onLine(1, 0, 7),
        items: [
          { text: 'T1059.006', range: onLine(2, 6, 15) },
          { text: 'Python', range: onLine(4, 7, 13) },
        ],
      });
      assert.deepEqual(fields[1].items, [
        { text: 'attack/execution', range: onLine(5, 7, 23) },
        { text: 'platform/linux', range: onLine(5, 26, 40) },
      ]);
      assert.deepEqual(fields[2].value, { text: 'Python', range: onLine(6, 8, 14) });
      assert.deepEqual(fields[3].key, 'permissions required');
      assert.deepEqual(fields[3].items, [{ text: 'none', range: onLine(8, 2, 6) }]);
      assert.deepEqual(note.frontmatter?.data, {
        aliases: ['T1059.006', 'Python'],
        tags: ['attack/execution', 'platform/linux'],
        title: 'Python',
        'permissions required': ['none'],
      });
      assert.deepEqual(note.identity, {
        id: 'T1059.006',
        kind: 'technique',
        source: 'frontmatter',
        range: onLine(2, 6, 15),
      });
    });

    it('escapes the alias pipe in table rows but not outside them', () => {
      const note = parse(
        '[[Audit|M1047]] and [[Audit\\|M1047]]\n\n| ID |\n| --- |\n| [[Audit\\|M1047]] |\n| [[Audit|M1047]] |\n',
      );
      const summary = note.wikilinks.map((link) => [
        link.target.text,
        link.target.range,
        link.alias?.text,
        link.alias?.range,
        link.escapedPipe,
        link.inTable,
      ]);
      assert.deepEqual(summary, [
        ['Audit', onLine(0, 2, 7), 'M1047', onLine(0, 8, 13), false, false],
        ['Audit', onLine(0, 22, 27), 'M1047', onLine(0, 29, 34), true, false],
        ['Audit', onLine(4, 4, 9), 'M1047', onLine(4, 11, 16), true, true],
        // A bare pipe in a row still reads as a link; GFM splits the cell there (a rule flags it).
        ['Audit', onLine(5, 4, 9), 'M1047', onLine(5, 10, 15), false, true],
      ]);
      assert.deepEqual(
        note.tables[0].rows.map((row) => row.cells.map((cell) => cell.text)),
        [['[[Audit\\|M1047]]'], ['[[Audit', 'M1047]]']],
      );
    });

    it('splits table cells as GFM does: optional edge pipes, escapes, code spans', () => {
      const note = parse('a | b\n--|:-:\n`x|y` | c \\| d\n| | e |\n');
      const table = note.tables[0];
      assert.deepEqual(table.header.cells, [
        { text: 'a', range: onLine(0, 0, 1) },
        { text: 'b', range: onLine(0, 4, 5) },
      ]);
      assert.deepEqual(
        table.delimiter.cells.map((cell) => cell.text),
        ['--', ':-:'],
      );
      // Pipes in code spans split cells in GFM; `\|` does not.
      assert.deepEqual(
        table.rows[0].cells.map((cell) => cell.text),
        ['`x', 'y`', 'c \\| d'],
      );
      // An empty cell is an empty range at its middle.
      assert.deepEqual(table.rows[1].cells, [
        { text: '', range: onLine(3, 1, 1) },
        { text: 'e', range: onLine(3, 4, 5) },
      ]);
    });

    it('reads embeds and links with headings', () => {
      const note = parse('![[diagram.png]] ![[Python#Mitigations]] [[#Local heading]]\n');
      assert.deepEqual(
        note.wikilinks.map((link) => [
          link.embed,
          link.target.text,
          link.heading?.text,
          link.range,
        ]),
        [
          [true, 'diagram.png', undefined, onLine(0, 0, 16)],
          [true, 'Python', 'Mitigations', onLine(0, 17, 40)],
          [false, '', 'Local heading', onLine(0, 41, 59)],
        ],
      );
      assert.deepEqual(note.wikilinks[1].target.range, onLine(0, 20, 26));
      assert.deepEqual(note.wikilinks[1].heading?.range, onLine(0, 27, 38));
    });

    it('ignores headings, items, links and citations in code blocks and comments', () => {
      const note = parse(
        [
          '# Real',
          '```markdown',
          '# Not a heading',
          '- not an item [[NotALink]] (Citation: Not)',
          '```',
          '~~~',
          '## Also not',
          '~~~',
          '',
          '    [[IndentedCode]]',
          '',
          '<!--',
          '## Commented out',
          '[[Hidden]]',
          '-->',
          '- real item [[Shown]] <!-- [[Hidden too]] --> (Citation: Real)',
          '',
        ].join('\n'),
      );
      assert.deepEqual(
        note.headings.map((heading) => heading.text),
        ['Real'],
      );
      assert.deepEqual(
        note.sections[0].items.map((item) => item.text),
        ['real item [[Shown]] <!-- [[Hidden too]] --> (Citation: Real)'],
      );
      assert.deepEqual(
        note.wikilinks.map((link) => link.target.text),
        ['Shown'],
      );
      assert.deepEqual(
        note.citations.map((citation) => citation.name.text),
        ['Real'],
      );
    });

    it('reads links in code spans, where a `<!--` opens no comment', () => {
      const note = parse(
        [
          '`[[InCode]]` [[A]] `<!--` [[B]] `-->` <!-- [[Hidden]] -->',
          '',
          '| `cell | [[C]]` |',
          '| --- | --- |',
          '',
        ].join('\n'),
      );
      // The generated kb vault wraps real links in backticks (`[[...S0110-at\|at]]`), so they stay.
      assert.deepEqual(
        note.wikilinks.map((link) => [link.target.text, link.range.start.character]),
        [
          ['InCode', 1],
          ['A', 13],
          ['B', 26],
          ['C', 10],
        ],
      );
    });

    it('reads rule directives from HTML comments', () => {
      const note = parse(
        [
          '<!-- attack-notes-disable table-columns, link-broken -->',
          'text <!-- attack-notes-disable-next-line citation-unknown -->',
          '<!-- attack-notes-enable -->',
          '<!-- an ordinary comment -->',
          '```',
          '<!-- attack-notes-disable in-code -->',
          '```',
          '',
        ].join('\n'),
      );
      assert.deepEqual(note.directives, [
        { kind: 'disable', rules: ['table-columns', 'link-broken'], range: onLine(0, 0, 56) },
        { kind: 'disable-next-line', rules: ['citation-unknown'], range: onLine(1, 5, 61) },
        { kind: 'enable', rules: [], range: onLine(2, 0, 28) },
      ]);
    });

    it('splits reference lines at the last URL, keeping `: ` inside names', () => {
      const note = parse(
        [
          '### References',
          '- Microsoft: Foo: Bar: https://learn.microsoft.com/x',
          '- A source without URL',
          '- Name:  http://example.com/a b',
          '',
        ].join('\n'),
      );
      assert.deepEqual(
        note.references.map((line) => [
          line.name.text,
          line.name.range,
          line.url?.text,
          line.url?.range,
        ]),
        [
          [
            'Microsoft: Foo: Bar',
            onLine(1, 2, 21),
            'https://learn.microsoft.com/x',
            onLine(1, 23, 52),
          ],
          ['A source without URL', onLine(2, 2, 22), undefined, undefined],
          // The last token is not a URL, so the whole text is the name.
          ['Name:  http://example.com/a b', onLine(3, 2, 31), undefined, undefined],
        ],
      );
    });

    it('reads footnotes, also inside a `>` callout', () => {
      const note = parse(
        [
          'Text[^7] and [^note].',
          '',
          '> [!info]- References',
          '> [^7]: [Zscaler 2020](https://example.com/a_(b))',
          '',
          '[^note]: Plain source https://example.com/n',
          '',
        ].join('\n'),
      );
      assert.deepEqual(note.footnoteReferences, [
        { range: onLine(0, 4, 8), label: '7' },
        { range: onLine(0, 13, 20), label: 'note' },
      ]);
      assert.deepEqual(note.footnoteDefinitions, [
        {
          range: onLine(3, 2, 49),
          label: { text: '7', range: onLine(3, 4, 5) },
          name: { text: 'Zscaler 2020', range: onLine(3, 9, 21) },
          url: { text: 'https://example.com/a_(b)', range: onLine(3, 23, 48) },
        },
        {
          range: onLine(5, 0, 43),
          label: { text: 'note', range: onLine(5, 2, 6) },
          name: { text: 'Plain source', range: onLine(5, 9, 21) },
          url: { text: 'https://example.com/n', range: onLine(5, 22, 43) },
        },
      ]);
    });

    it('builds sections that end before the next heading of the same or a higher level', () => {
      const note = parse('# A\n- a1\n## B\n- b1\n### C\n- c1\n## D\ntext\n');
      assert.deepEqual(
        note.sections.map((section) => [
          section.key,
          section.range,
          section.items.map((item) => item.text),
        ]),
        [
          ['a', range(0, 0, 8, 0), ['a1']],
          ['b', range(2, 0, 5, 4), ['b1']],
          ['c', range(4, 0, 5, 4), ['c1']],
          ['d', range(6, 0, 8, 0), []],
        ],
      );
    });

    it('reads ATX variants and setext headings', () => {
      const note = parse(
        '   ### Closed ###  \n#NotAHeading\n\n####### Seven\n\nSetext\ntitle\n===\n',
      );
      assert.deepEqual(
        note.headings.map((heading) => [
          heading.level,
          heading.text,
          heading.range,
          heading.textRange,
        ]),
        [
          [3, 'Closed', onLine(0, 0, 19), onLine(0, 7, 13)],
          // A setext heading spans its text lines and its underline.
          [1, 'Setext\ntitle', range(5, 0, 7, 3), range(5, 0, 6, 5)],
        ],
      );
    });

    it('takes the identity from the heading for group notes with name aliases', () => {
      const note = parse(
        '---\nalias: APT28, IRON TWILIGHT, Fancy Bear\n---\n\n## G0007\n',
        'file:///vault/groups/APT28.md',
      );
      assert.deepEqual(note.identity, {
        id: 'G0007',
        kind: 'group',
        source: 'heading',
        range: onLine(4, 3, 8),
      });
    });

    it('prefers a group heading over a name alias that looks like an ID (TA2541 is a group)', () => {
      const note = parse('---\nalias: TA2541\n---\n\n## G1018\n', 'file:///vault/groups/TA2541.md');
      assert.deepEqual(note.identity, {
        id: 'G1018',
        kind: 'group',
        source: 'heading',
        range: onLine(4, 3, 8),
      });
      const technique = parse('---\nalias: T1059.006\n---\n\n## T1059.006\n', URI);
      assert.equal(technique.identity?.source, 'frontmatter');
    });

    it('falls back to an ID in the file name', () => {
      const kb = parse('## Description\n', 'file:///kb/techniques/T1059.006-Python.md');
      assert.deepEqual(kb.identity, { id: 'T1059.006', kind: 'technique', source: 'filename' });
      const named = parse('text\n', 'file:///vault/mitigations/Code%20Signing%20(M1045).md');
      assert.deepEqual(named.identity, { id: 'M1045', kind: 'mitigation', source: 'filename' });
      const tactic = parse('text\n', 'file:///kb/tactics/TA0001-Initial_Access.md');
      assert.equal(tactic.identity?.kind, 'tactic');
      assert.equal(parse('text\n', 'file:///vault/Notes.md').identity, undefined);
    });

    it('never throws, whatever the input', () => {
      for (const text of [
        '',
        '---',
        '---\n',
        '\uFEFF',
        '\r\n\r',
        '| |\n|-|\n',
        '[[',
        '> ```',
        '\u0000\uD800',
      ]) {
        const note = parse(text);
        assert.equal(note.uri, URI);
        assert.equal(typeof note.fullRange.end.line, 'number');
      }
      assert.equal(parse('x', URI).version, undefined);
      assert.equal(parseNote('x', URI, { version: 7 }).version, 7);
    });
  });
}
