import { strict as assert } from 'node:assert';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { MAX_PREVIEW_CHARACTERS } from '../../../server/src/core/features/preview/renderPreview';
import { sharedRoot } from '../support/memoryVault';
import {
  allElements,
  attr,
  classes,
  dataLines,
  noteUri,
  render,
  renderText,
  safetyProblems,
  select,
  textOf,
} from './support';

const AUDIT = '---\nalias: M1047\n---\n\n## M1047\n\nIntro.\n\n### Notes\n\nDetails.\n';

/** A note of every block kind; the comment column is the 0-based line. */
const BLOCKS = [
  '---', // 0
  'alias: M9001', // 1
  '---', // 2
  '', // 3
  '## M9001', // 4
  '', // 5
  'Intro with [[Audit]] and T1059.006.', // 6
  '', // 7
  '- one', // 8
  '- two', // 9
  '', // 10
  '| ID | Name |', // 11
  '| --- | --- |', // 12
  '| [[mitigations/Audit\\|M1047]] | Audit |', // 13
  '| T1059 | Command and Scripting Interpreter |', // 14
  '', // 15
  '> quoted', // 16
  '', // 17
  '```js', // 18
  'const id = "T1059"; // [[not a link]]', // 19
  '```', // 20
  '', // 21
  '---', // 22
  '### References', // 23
  '', // 24
  '- Src: https://example.com', // 25
].join('\n');

const EXPECTED_LINES: Array<[number, string]> = [
  [0, 'header'],
  [4, 'h2'],
  [6, 'p'],
  [8, 'ul'],
  [8, 'li'],
  [9, 'li'],
  [11, 'table'],
  [11, 'tr'],
  [13, 'tr'],
  [14, 'tr'],
  [16, 'blockquote'],
  [16, 'p'],
  [18, 'pre'],
  [22, 'hr'],
  [23, 'h3'],
  [25, 'ul'],
  [25, 'li'],
];

function blocksIn(lineEnd: string) {
  return render(
    { 'notes/Custom.md': BLOCKS.split('\n').join(lineEnd), 'mitigations/Audit.md': AUDIT },
    'notes/Custom.md',
  );
}

describe('preview: rendering', () => {
  it('puts data-line on every block and table row, in the editor’s lines (front matter counted)', () => {
    const rendered = blocksIn('\n');
    assert.deepEqual(
      dataLines(rendered).map(([line, tag]) => [line, tag]),
      EXPECTED_LINES,
    );
    assert.equal(rendered.lineCount, 26);
  });

  it('puts data-line on raw HTML blocks and rows too, not on the footnotes Markdown moves to the end', () => {
    const note = [
      'Claim.[^1]', // 0
      '', // 1
      '<table>', // 2
      '<tr><td>a</td></tr>', // 3
      '<tr><td>b</td></tr>', // 4
      '</table>', // 5
      '', // 6
      '[^1]: Source.', // 7
    ].join('\n');
    assert.deepEqual(
      dataLines(renderText(note)).map(([line, tag]) => [line, tag]),
      [
        [0, 'header'],
        [0, 'p'],
        [2, 'table'],
        [3, 'tr'],
        [4, 'tr'],
      ],
    );
  });

  it('renders a CRLF note (and a CR one) with the same lines, links and text as its LF twin', () => {
    const lf = blocksIn('\n');
    for (const ending of ['\r\n', '\r']) {
      const other = blocksIn(ending);
      assert.deepEqual(dataLines(other), dataLines(lf), JSON.stringify(ending));
      assert.deepEqual(
        select(other, 'a').map((a) => [textOf(a), attr(a, 'href'), attr(a, 'data-note-uri')]),
        select(lf, 'a').map((a) => [textOf(a), attr(a, 'href'), attr(a, 'data-note-uri')]),
      );
      assert.equal(other.lineCount, lf.lineCount);
      assert.doesNotMatch(other.html, /\r/);
    }
  });

  it('renders a note with a BOM at the same lines', () => {
    const rendered = blocksIn('\r\n');
    const withBom = render(
      {
        'notes/Custom.md': `\uFEFF${BLOCKS.split('\n').join('\r\n')}`,
        'mitigations/Audit.md': AUDIT,
      },
      'notes/Custom.md',
    );
    assert.deepEqual(dataLines(withBom), dataLines(rendered));
    assert.doesNotMatch(withBom.html, /\uFEFF/);
  });

  it('shows no front matter text and no wikilink inside code', () => {
    const rendered = blocksIn('\n');
    assert.doesNotMatch(rendered.html, /alias:/);
    const [code] = select(rendered, 'code');
    assert.equal(textOf(code), 'const id = "T1059"; // [[not a link]]\n');
  });

  it('renders a table row’s `\\|` wikilink as one link in its cell, with the ID’s ATT&CK page beside it', () => {
    const rendered = blocksIn('\n');
    const rows = select(rendered, 'tr');
    const cells = allElements([rows[1]]).filter((element) => element.tagName === 'td');
    assert.equal(cells.length, 2);
    const [link, page] = select(rendered, 'a').filter((a) => allElements([cells[0]]).includes(a));
    assert.deepEqual(classes(link), ['wikilink']);
    assert.equal(attr(link, 'data-note-uri'), noteUri('mitigations/Audit.md'));
    assert.equal(textOf(link), 'M1047');
    assert.equal(attr(page, 'href'), 'https://attack.mitre.org/mitigations/M1047');
    assert.deepEqual(classes(page), ['attack-id', 'attack-page']);
    assert.equal(textOf(cells[1]), 'Audit');
  });

  it('shows a table row split by a bare `|` in a link as GFM splits it, as its diagnostic says', () => {
    const rendered = render(
      {
        'notes/Test.md': '| ID | Name |\n| --- | --- |\n| [[Audit|M1047]] | Audit |\n',
        'mitigations/Audit.md': AUDIT,
      },
      'notes/Test.md',
    );
    const row = select(rendered, 'tr')[1];
    assert.deepEqual(
      allElements([row])
        .filter((element) => element.tagName === 'td')
        .map(textOf),
      ['[[Audit', 'M1047]]'],
    );
    assert.equal(select(rendered, 'a', 'wikilink').length, 0);
  });

  it('links ATT&CK IDs in text and plain ID cells, but not unknown IDs or IDs in code', () => {
    const rendered = renderText(
      'Saw T1059.006, t1086 and T9999 in `T1110`.\n\n| ID |\n| --- |\n| TA0002 |\n',
    );
    const ids = select(rendered, 'a', 'attack-id');
    assert.deepEqual(
      ids.map((a) => [textOf(a), attr(a, 'href'), classes(a).join(' ')]),
      [
        ['T1059.006', 'https://attack.mitre.org/techniques/T1059/006', 'attack-id'],
        ['t1086', 'https://attack.mitre.org/techniques/T1086', 'attack-id revoked'],
        ['TA0002', 'https://attack.mitre.org/tactics/TA0002', 'attack-id'],
      ],
    );
    assert.match(rendered.html, /and T9999 in <code>T1110<\/code>/);
  });

  it('marks broken links with a reason and no note URI', () => {
    const rendered = renderText('See [[Nowhere|there]] and [[Nowhere#Part]].\n');
    const broken = select(rendered, 'a', 'wikilink', 'broken');
    assert.deepEqual(
      broken.map((a) => [textOf(a), attr(a, 'href'), attr(a, 'title'), attr(a, 'data-note-uri')]),
      [
        ['there', '#', 'No note named “Nowhere” in this vault', undefined],
        ['Nowhere > Part', '#', 'No note named “Nowhere” in this vault', undefined],
      ],
    );
  });

  it('lists the candidates of an ambiguous link, as the index orders them', () => {
    const rendered = renderText('See [[Dup|the dup]].\n', {
      'b/Dup.md': '# B\n',
      'a/Dup.md': '# A\n',
    });
    const [link] = select(rendered, 'a', 'wikilink', 'ambiguous');
    assert.equal(textOf(link), 'the dup');
    const uris = [noteUri('a/Dup.md'), noteUri('b/Dup.md')];
    assert.deepEqual(JSON.parse(attr(link, 'data-candidates')!), uris);
    assert.equal(attr(link, 'data-note-uri'), undefined);
    const [list] = select(rendered, 'span', 'candidates');
    assert.equal(textOf(list), ' (a/Dup, b/Dup)');
    assert.deepEqual(
      select(rendered, 'a', 'wikilink')
        .filter((a) => allElements([list]).includes(a))
        .map((a) => attr(a, 'data-note-uri')),
      uris,
    );
    assert.deepEqual(safetyProblems(rendered), []);
  });

  it('opens a #heading link at the heading’s line, in another note and in its own', () => {
    const rendered = renderText(
      '## Local\n\n[[Audit#Notes]] [[#Local]] [[Audit#Missing]] ![[Audit]]\n',
      {
        'mitigations/Audit.md': AUDIT,
      },
    );
    const links = select(rendered, 'a', 'wikilink');
    assert.deepEqual(
      links.map((a) => [
        textOf(a),
        attr(a, 'data-note-uri'),
        attr(a, 'data-line-target'),
        classes(a).join(' '),
      ]),
      [
        ['Audit > Notes', noteUri('mitigations/Audit.md'), '8', 'wikilink'],
        ['Local', noteUri('notes/Test.md'), '0', 'wikilink'],
        ['Audit > Missing', noteUri('mitigations/Audit.md'), undefined, 'wikilink heading-missing'],
        ['Audit', noteUri('mitigations/Audit.md'), undefined, 'wikilink embed'],
      ],
    );
    assert.equal(attr(links[2], 'title'), 'mitigations/Audit.md has no heading “Missing”');
  });

  it('resolves vault-path, relative and .md links as the index does', () => {
    const rendered = render(
      {
        'deep/folder/Here.md': 'A [[deep/other/Target]] B [[../other/Target]] C [[Target.md]]\n',
        'deep/other/Target.md': '# Target\n',
      },
      'deep/folder/Here.md',
    );
    const uri = noteUri('deep/other/Target.md');
    assert.deepEqual(
      select(rendered, 'a', 'wikilink').map((a) => [textOf(a), attr(a, 'data-note-uri')]),
      [
        ['Target', uri],
        ['Target', uri],
        ['Target', uri],
      ],
    );
  });

  it('links citations to their reference lines, and marks undefined ones', () => {
    const note = [
      '## T1059.006', // 0
      '', // 1
      'Seen.(Citation: Zscaler APT31) Again (Citation: zscaler  apt31). Not (Citation: Nobody).', // 2
      '', // 3
      '### References', // 4
      '', // 5
      '- mitre-attack: https://attack.mitre.org/techniques/T1059/006', // 6
      '- Zscaler APT31: https://example.com/z', // 7
      '- Zscaler-APT31', // 8
    ].join('\n');
    const rendered = renderText(note);
    const citations = select(rendered, 'a', 'citation');
    assert.deepEqual(
      citations.map((a) => [textOf(a), attr(a, 'href'), classes(a).join(' ')]),
      [
        ['(Citation: Zscaler APT31)', '#ref-zscaler-apt31', 'citation'],
        ['(Citation: zscaler  apt31)', '#ref-zscaler-apt31', 'citation'],
        ['(Citation: Nobody)', undefined, 'citation broken'],
      ],
    );
    assert.equal(attr(citations[2], 'title'), 'No reference “Nobody” in this note');
    const items = select(rendered, 'li').map((li) => [attr(li, 'data-line'), attr(li, 'id')]);
    assert.deepEqual(items, [
      ['6', 'ref-mitre-attack'],
      ['7', 'ref-zscaler-apt31'],
      ['8', 'ref-zscaler-apt31-2'],
    ]);
  });

  it('links a citation of a footnote source (kb dialect) to the footnote', () => {
    const note =
      'Text.[^1] Also (Citation: Vendor Report).\n\n[^1]: [Vendor Report](https://example.com/r)\n';
    const rendered = renderText(note);
    const [citation] = select(rendered, 'a', 'citation');
    assert.equal(attr(citation, 'href'), '#user-content-fn-1');
    assert.ok(allElements(rendered.dom).some((e) => attr(e, 'id') === 'user-content-fn-1'));
  });

  it('ends with the notes that link here, once each, opening at their first link', () => {
    const rendered = render(
      {
        'mitigations/Audit.md': AUDIT + '\nSee [[Audit#Notes]].\n',
        'techniques/Python.md':
          '## T1059.006\n\nText.\n\n| [[Audit\\|M1047]] |\n| --- |\n\nAnd [[Audit]].\n',
        'notes/Log.md': 'Line\n[[mitigations/Audit|the audit]]\n',
        'notes/Unrelated.md': '[[Other]]\n',
      },
      'mitigations/Audit.md',
    );
    const [section] = select(rendered, 'section', 'backlinks');
    assert.equal(textOf(allElements([section]).find((e) => e.tagName === 'h2')!), 'Linked from');
    assert.deepEqual(
      select(rendered, 'a', 'wikilink')
        .filter((a) => allElements([section]).includes(a))
        .map((a) => [textOf(a), attr(a, 'data-note-uri'), attr(a, 'data-line-target')]),
      [
        ['Log', noteUri('notes/Log.md'), '1'],
        ['T1059.006 Python', noteUri('techniques/Python.md'), '4'],
      ],
    );
    assert.equal(rendered.dom.at(-1), section);
  });

  it('says so when no note links here', () => {
    const rendered = renderText('Alone.\n');
    const [section] = select(rendered, 'section', 'backlinks');
    assert.match(textOf(section), /No other note links here\./);
  });

  it('builds the header card from the knowledge base: ID, kind, name, tactics and platforms', () => {
    const rendered = renderText('---\nalias: T1059.006\n---\n\n## T1059.006\n');
    assert.equal(rendered.title, 'T1059.006 Python');
    const [card] = select(rendered, 'header', 'note-card');
    assert.equal(rendered.dom[0], card);
    assert.equal(attr(card, 'data-line'), '0');
    const inCard = (tag: string, ...wanted: string[]) =>
      select(rendered, tag, ...wanted)
        .filter((e) => allElements([card]).includes(e))
        .map(textOf);
    assert.deepEqual(inCard('span', 'note-id'), ['T1059.006']);
    assert.deepEqual(inCard('span', 'note-kind'), ['sub-technique']);
    assert.deepEqual(inCard('div', 'note-name'), ['Python']);
    assert.deepEqual(inCard('span', 'chip', 'chip-tactic'), ['Execution']);
    assert.deepEqual(inCard('span', 'chip', 'chip-platform'), [
      'ESXi',
      'Linux',
      'macOS',
      'Windows',
    ]);
    assert.deepEqual(inCard('a', 'attack-id'), ['T1059.006']);
    assert.equal(select(rendered, 'div', 'note-status').length, 0);
  });

  it('marks a revoked ID with its replacement and a deprecated one', () => {
    const revoked = renderText('---\nalias: T1086\n---\n');
    const [status] = select(revoked, 'div', 'status-revoked');
    assert.equal(textOf(status), 'Revoked by ATT&CK: replaced by T1059.001 PowerShell');
    const [replacement] = select(revoked, 'a', 'attack-id').filter((a) =>
      allElements([status]).includes(a),
    );
    assert.equal(attr(replacement, 'href'), 'https://attack.mitre.org/techniques/T1059/001');
    const deprecated = renderText('---\nalias: T1064\n---\n');
    assert.deepEqual(select(deprecated, 'div', 'status-deprecated').map(textOf), [
      'Deprecated in ATT&CK',
    ]);
  });

  it('takes a vault-defined note’s card from its own front matter and sections', () => {
    const rendered = render(
      {
        'mitigations/Custom Control.md':
          '---\nalias: M9001\n---\n\n## M9001\n\n### Tactic\n- [[Execution]] (TA0002)\n\n### Platforms\n- Linux\n- Windows\n',
      },
      'mitigations/Custom Control.md',
    );
    assert.equal(rendered.title, 'M9001 Custom Control');
    assert.deepEqual(select(rendered, 'span', 'note-kind').map(textOf), ['mitigation']);
    assert.deepEqual(select(rendered, 'span', 'chip-tactic').map(textOf), ['Execution']);
    assert.deepEqual(select(rendered, 'span', 'chip-platform').map(textOf), ['Linux', 'Windows']);
    assert.equal(select(rendered, 'a', 'attack-id').filter((a) => textOf(a) === 'M9001').length, 0);
  });

  it('reads a kb-dialect card from front matter lists', () => {
    const rendered = render(
      {
        'kb/T9001-Custom_Thing.md':
          '---\naliases:\n  - T9001\ntactic:\n  - "[[kb/tactics/TA0002-Execution|Execution]]"\nplatforms:\n  - Linux\n---\n\n## Description\n',
      },
      'kb/T9001-Custom_Thing.md',
    );
    assert.equal(rendered.title, 'T9001 Custom Thing');
    assert.deepEqual(select(rendered, 'span', 'chip-tactic').map(textOf), ['Execution']);
    assert.deepEqual(select(rendered, 'span', 'chip-platform').map(textOf), ['Linux']);
  });

  it('names backlinks by ID and name, without the file name’s ID decorations', () => {
    const rendered = render(
      {
        'notes/Target.md': '# Target\n',
        'kb/M9002-Own_Control.md': '---\naliases:\n  - M9002\n---\n[[notes/Target]]\n',
        'mitigations/Mine (M9003).md': '## M9003\n\n[[Target]]\n',
        'mitigations/Code Signing (M1045).md': '## M1045\n\n[[Target]]\n',
      },
      'notes/Target.md',
    );
    assert.deepEqual(select(rendered, 'a', 'wikilink').map(textOf), [
      'M9002 Own Control',
      'M1045 Code Signing',
      'M9003 Mine',
    ]);
  });

  it('does not parse a note beyond the size limit, and says so', () => {
    const rendered = renderText(`## Huge\n\n${'x'.repeat(MAX_PREVIEW_CHARACTERS)}\n`);
    assert.deepEqual(select(rendered, 'p', 'preview-too-large').map(textOf), [
      'This note has 1,000,010 characters; the preview shows notes of up to 1,000,000.',
    ]);
    assert.equal(select(rendered, 'h2').length, 1); // Linked from
    assert.equal(select(rendered, 'header', 'note-card').length, 1);
  });

  it('renders Obsidian callouts as titled boxes, foldable ones as <details>', () => {
    const note = [
      '> [!note] Watch **this**', // 0
      '> Body with [[Other]].', // 1
      '>', // 2
      '> Second.', // 3
      '', // 4
      '> [!tip]+', // 5
      '> Shown.', // 6
      '', // 7
      '> [!info]- References', // 8
      '> [^1]: [Source](https://example.com)', // 9
      '', // 10
      '> Plain quote.', // 11
      '', // 12
      'Cited.[^1]', // 13
    ].join('\n');
    const rendered = renderText(note, { 'notes/Other.md': '# Other\n' });
    const boxes = allElements(rendered.dom).filter((e) => classes(e).includes('callout'));
    assert.deepEqual(
      boxes.map((box) => [box.tagName, attr(box, 'data-line'), attr(box, 'open')]),
      [
        ['div', '0', undefined],
        ['details', '5', ''],
        ['details', '8', undefined],
      ],
    );
    const titles = allElements(rendered.dom).filter((e) => classes(e).includes('callout-title'));
    assert.deepEqual(
      titles.map((title) => [title.tagName, attr(title, 'data-line'), textOf(title)]),
      [
        ['p', '0', 'Watch this'],
        ['summary', '5', 'Tip'],
        ['summary', '8', 'References'],
      ],
    );
    assert.deepEqual(
      allElements([boxes[0]])
        .filter((e) => e.tagName === 'p')
        .map((p) => [attr(p, 'data-line'), textOf(p)]),
      [
        ['0', 'Watch this'],
        ['1', 'Body with Other.'],
        ['3', 'Second.'],
      ],
    );
    assert.equal(select(rendered, 'a', 'wikilink').length, 1);
    assert.deepEqual(
      select(rendered, 'blockquote').map((quote) => textOf(quote).trim()),
      ['Plain quote.'],
    );
    assert.deepEqual(safetyProblems(rendered), []);
  });

  it('titles a note without an ID by its file name', () => {
    const rendered = render({ 'notes/Hunting ideas.md': '# Ideas\n' }, 'notes/Hunting ideas.md');
    assert.equal(rendered.title, 'Hunting ideas');
    assert.deepEqual(select(rendered, 'span', 'note-kind').map(textOf), ['note']);
  });

  it('renders the seed note: its Mitigations table of vault-path links, citation and references', function () {
    const seedFile = path.join(sharedRoot, 'seed', '000_8b64cf9aacfc1ce1.txt');
    if (!existsSync(seedFile)) return this.skip();
    const seed = readFileSync(seedFile, 'utf8');
    const base =
      'CyberSecurity/Security+/1-Threats-Attacks-Vulnerabilities/Attacking-Frameworks/MITRE ATT&CK/ICS-Attack/';
    const rendered = render(
      {
        'techniques/Python.md': seed,
        [`${base}tactics/Execution.md`]: '## TA0002\n',
        [`${base}mitigations/Audit.md`]: AUDIT,
        [`${base}mitigations/Antivirus／Antimalware.md`]: '## M1049\n',
      },
      'techniques/Python.md',
    );
    assert.equal(rendered.title, 'T1059.006 Python');
    const rows = select(rendered, 'tr');
    assert.deepEqual(
      rows.map((row) => attr(row, 'data-line')),
      ['23', '25', '26', '27', '28'],
    );
    const links = select(rendered, 'a', 'wikilink').map((a) => [textOf(a), classes(a).join(' ')]);
    assert.deepEqual(links, [
      ['Execution', 'wikilink'],
      ['M1033', 'wikilink broken'],
      ['M1038', 'wikilink broken'],
      ['M1049', 'wikilink'],
      ['M1047', 'wikilink'],
    ]);
    const [citation] = select(rendered, 'a', 'citation');
    assert.equal(attr(citation, 'href'), '#ref-zscaler-apt31-covid-19-october-2020');
    assert.deepEqual(safetyProblems(rendered), []);
  });
});
