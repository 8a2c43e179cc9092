import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { CompletionItemTag } from 'vscode-languageserver-types';
import { memoryVault, noteUri } from '../support/memoryVault';
import { accept, completeAt, CURSOR, editOf, seedPath, sorted } from './support';

const python = (tacticLines: string, platformLines: string) =>
  [
    '---',
    'alias: T1059.006',
    '---',
    '',
    '## T1059.006',
    '',
    'Text.(Citation: Zscaler APT31)',
    '',
    '### Tactic',
    tacticLines,
    '',
    '### Platforms',
    platformLines,
    '',
    '### Mitigations',
    '',
    '---',
    '### References',
    '',
    '- mitre-attack: https://attack.mitre.org/techniques/T1059/006',
    '- Zscaler APT31: https://example.com/zscaler',
    '- Book without URL',
  ].join('\n');

const HERE = noteUri('techniques/Python.md');

describe('completion: tactics, platforms, IDs and citations', () => {
  it("offers whole tactic lines in a Tactic section, the technique's tactics first", () => {
    const index = memoryVault({ 'tactics/Execution.md': '---\nalias: TA0002\n---\n' });
    const { list, text } = completeAt(index, HERE, python(`- Ex${CURSOR}`, '- Linux'));
    const [first, second] = sorted(list);
    assert.equal(first.label, 'Execution');
    assert.match(first.detail!, /tactic TA0002 Execution · tactic of T1059\.006/);
    assert.equal(editOf(first).newText, '- [[Execution]] (TA0002)');
    assert.equal(first.filterText, '- Execution');
    assert.doesNotMatch(second.detail!, /tactic of/);
    assert.ok(accept(text, first).includes('### Tactic\n- [[Execution]] (TA0002)\n'));
    assert.ok(list.items.every((item) => /^TA00\d\d$/.test(item.labelDetails!.description!)));
  });

  it("follows the vault-path style of the seed's tactic links", () => {
    const seed = readFileSync(seedPath, 'utf8');
    const marked = seed.replace(/(\(TA0002\)\n)/, `$1- Per${CURSOR}\n`);
    const { list } = completeAt(memoryVault({}), noteUri('T1059.006.md'), marked);
    const persistence = list.items.find((item) => item.label === 'Persistence')!;
    assert.equal(
      editOf(persistence).newText,
      '- [[CyberSecurity/Security+/1-Threats-Attacks-Vulnerabilities/Attacking-Frameworks/MITRE ATT&CK/ICS-Attack/tactics/Persistence]] (TA0003)',
    );
    const execution = list.items.find((item) => item.label === 'Execution')!;
    assert.match(execution.detail!, /already listed/);
  });

  it("offers the domain's platforms in Platforms, the technique's first, listed ones last", () => {
    const { list } = completeAt(memoryVault({}), HERE, python('', `- Linux\n- ${CURSOR}`));
    const labels = sorted(list).map((item) => item.label);
    assert.deepEqual(labels.slice(0, 3), ['ESXi', 'macOS', 'Windows']);
    assert.equal(labels.at(-1), 'Linux');
    assert.ok(labels.includes('IaaS'), 'other Enterprise platforms follow');
    assert.equal(editOf(sorted(list)[0]).newText, '- ESXi');
  });

  it('offers names in the kb dialect front matter lists', () => {
    const text = [
      '---',
      'aliases:',
      '    - T1059.006',
      'tactic:',
      `     - Exe${CURSOR}`,
      'platforms:',
      '     - Linux',
      '---',
    ].join('\n');
    const { list } = completeAt(memoryVault({}), HERE, text);
    const [first] = sorted(list);
    assert.equal(first.label, 'Execution');
    assert.equal(editOf(first).newText, 'Execution');
    assert.deepEqual(editOf(first).range.start, { line: 4, character: 7 });
    const platforms = completeAt(
      memoryVault({}),
      HERE,
      text.replace(`Exe${CURSOR}`, 'Execution').replace('- Linux', `- Li${CURSOR}`),
    ).list;
    assert.equal(sorted(platforms)[0].label, 'ESXi');
    assert.equal(editOf(sorted(platforms)[0]).newText, 'ESXi');
  });

  it('completes technique IDs anywhere: T1059 gives the technique and its sub-techniques', () => {
    const { list } = completeAt(memoryVault({}), HERE, `Related: T1059${CURSOR} and more`);
    const labels = sorted(list).map((item) => item.label);
    assert.equal(labels[0], 'T1059');
    assert.ok(labels.includes('T1059.001') && labels.includes('T1059.006'));
    assert.ok(labels.every((label) => label.startsWith('T1059')));
    const item = list.items.find((i) => i.label === 'T1059.006')!;
    assert.equal(item.detail, 'sub-technique T1059.006 Python');
    assert.equal(editOf(item).newText, 'T1059.006');
    assert.deepEqual(editOf(item).range, {
      start: { line: 0, character: 9 },
      end: { line: 0, character: 14 },
    });
  });

  it('completes other kinds by prefix, caps long lists, and shows a revoked ID struck through', () => {
    const mitigations = completeAt(memoryVault({}), HERE, `M10${CURSOR}`).list;
    assert.ok(mitigations.items.every((item) => item.label.startsWith('M10')));
    const all = completeAt(memoryVault({}), HERE, `T1${CURSOR}`).list;
    assert.equal(all.items.length, 100);
    assert.equal(all.isIncomplete, true);
    const revoked = completeAt(memoryVault({}), HERE, `T1086${CURSOR}`).list;
    const t1086 = revoked.items.find((item) => item.label === 'T1086')!;
    assert.deepEqual(t1086.tags, [CompletionItemTag.Deprecated]);
    assert.match((t1086.documentation as { value: string }).value, /Revoked/);
    assert.equal(completeAt(memoryVault({}), HERE, `XT10${CURSOR}`).list.items.length, 0);
  });

  it('completes IDs in front matter and table cells of other tables', () => {
    const fm = completeAt(memoryVault({}), HERE, `---\nalias: TA000${CURSOR}\n---\n`).list;
    assert.ok(fm.items.some((item) => item.label === 'TA0002'));
    const table = '## Detections\n| ID | Name |\n| --- | --- |\n';
    const cell = completeAt(memoryVault({}), HERE, `${table}| T1059.00${CURSOR} | |`).list;
    assert.ok(cell.items.some((item) => item.label === 'T1059.006'));
    // A group's Techniques Used table says what its IDs are: its ID cells get technique rows.
    const used = '## Techniques Used\n| ID | Name |\n| --- | --- |\n';
    const row = completeAt(memoryVault({}), HERE, `${used}| T1059.00${CURSOR} | |`).list;
    assert.ok(row.items.some((item) => item.label === 'T1059.006 Python'));
  });

  it("offers the note's reference names after (Citation: , closing the parenthesis", () => {
    const marked = python('', '').replace(
      'Text.(Citation: Zscaler APT31)',
      `Text.(Citation: Zs${CURSOR}`,
    );
    const { list, text } = completeAt(memoryVault({}), HERE, marked);
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['Zscaler APT31', 'Book without URL'],
    );
    assert.equal(editOf(list.items[0]).newText, 'Zscaler APT31)');
    assert.ok(accept(text, list.items[0]).includes('Text.(Citation: Zscaler APT31)\n'));
    const closed = completeAt(
      memoryVault({}),
      HERE,
      python('', '').replace('(Citation: Zscaler APT31)', `(Citation: ${CURSOR}Zscaler)`),
    ).list;
    assert.equal(editOf(closed.items[0]).newText, 'Zscaler APT31');
  });

  it('offers footnote sources of the kb dialect after (Citation: ', () => {
    const text = `Text (Citation: ${CURSOR}\n\n> [!info]- References\n> [^1]: [Donut Github](https://github.com/x/donut)\n`;
    const { list } = completeAt(memoryVault({}), HERE, text);
    assert.deepEqual(
      list.items.map((item) => item.label),
      ['Donut Github'],
    );
  });

  it('stays silent in running text where nothing fits', () => {
    const { list } = completeAt(
      memoryVault({}),
      HERE,
      python('', '').replace('Text.', `Te${CURSOR}xt.`),
    );
    assert.equal(list.items.length, 0);
  });
});

describe('completion: what a list section does not take', () => {
  it('offers no tactics while a heading, table or rule is started in the Tactic section', () => {
    for (const started of ['#', '### Plat', '|', '> note', '---']) {
      const text = `---\nalias: T1059.006\n---\n### Tactic\n- [[Execution]] (TA0002)\n${started}${CURSOR}\n`;
      const { list } = completeAt(memoryVault({}), HERE, text);
      assert.deepEqual(list.items, [], `nothing for ${JSON.stringify(started)}`);
    }
  });
});
