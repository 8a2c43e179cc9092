import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { InsertTextFormat } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { describeWithShared, itWithShared } from '../../support/sharedData';
import { memoryVault, noteUri } from '../support/memoryVault';
import {
  accept,
  completeAt,
  CURSOR,
  editOf,
  fileUri,
  kbDialectRoot,
  realVault,
  sampleVaultRoot,
  seedPath,
  sorted,
} from './support';

const MAPPED_TO_PYTHON = ['M1033', 'M1038', 'M1047', 'M1049'];

/** The note with its Mitigations rows removed and `row` typed where they were. */
function withRows(text: string, rows: string[]): string {
  const lines = text.split('\n');
  const delimiter = lines.findIndex(
    (line, i) => line.startsWith('| ---') && /mitigations/i.test(lines.slice(0, i).join('\n')),
  );
  let end = delimiter + 1;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  lines.splice(delimiter + 1, end - delimiter - 1, ...rows);
  return lines.join('\n');
}

function ids(labels: { label: string }[]): string[] {
  return labels.map((item) => item.label.split(' ')[0]);
}

describe('completion: Mitigations table', function () {
  this.timeout(60000);

  describe('T1059.006 (techniques/Python.md) of the sample vault', () => {
    let index: WorkspaceIndex;
    let uri: string;
    let original: string;

    before(async () => {
      index = await realVault(sampleVaultRoot);
      uri = fileUri(sampleVaultRoot, 'techniques/Python.md');
      original = index.get(uri)!.note.text;
    });
    afterEach(() => index.setNote(parseNote(original, uri)));

    it('`| [[` on a new row: other mitigations, then other notes, the listed rows last', () => {
      const typed = original.replace(/(\| \[\[Antivirus[^\n]*\n)/, `$1| [[${CURSOR}\n`);
      const { list, text } = completeAt(index, uri, typed);
      const items = sorted(list);
      const tiers = items.map((item) => item.sortText!.split('_')[0]);
      assert.deepEqual([...new Set(tiers)], ['1', '2', '3'], 'no mapped mitigation is missing');
      assert.match(items[0].detail!, /mitigation/i);
      assert.deepEqual(ids(items.slice(-4)), MAPPED_TO_PYTHON);
      for (const item of items.slice(-4)) assert.match(item.detail!, /already in the table/);
      const notes = items.filter((item) => item.sortText!.startsWith('2_'));
      assert.ok(
        notes.some((item) => item.label === 'Execution'),
        'a tactic note, as a link',
      );
      assert.ok(!notes.some((item) => item.label === 'Audit'), 'Audit is offered as its row');
      // A note item only completes the link.
      const execution = notes.find((item) => item.label === 'Execution')!;
      assert.match(accept(text, execution), /\n\| \[\[Execution\]\]\n/);
    });

    it('`| [[` with a mapped mitigation missing: it comes first, and completes the whole row', () => {
      const without = original.replace(/\| \[\[Antivirus[^\n]*\n/, `| [[${CURSOR}\n`);
      const { list, text } = completeAt(index, uri, without);
      const first = sorted(list)[0];
      assert.equal(first.label, 'M1049 Antivirus/Antimalware');
      assert.equal(first.preselect, true);
      assert.equal(first.filterText, '| [[M1049 Antivirus/Antimalware');
      const row = '| [[Antivirus／Antimalware\\|M1049]] | Antivirus/Antimalware | $0 |';
      assert.equal(accept(text, first), original.replace(/\| \[\[Antivirus[^\n]*\n/, `${row}\n`));
    });

    it('offers the four mitigations ATT&CK maps to T1059.006 first, marked as mapped', () => {
      const { list } = completeAt(index, uri, withRows(original, [`| M${CURSOR}`]));
      const items = sorted(list);
      assert.deepEqual(ids(items.slice(0, 4)), MAPPED_TO_PYTHON);
      for (const item of items.slice(0, 4)) assert.match(item.detail!, /mapped to T1059\.006/);
      assert.ok(items.length > 40, 'the rest of the Enterprise mitigations follow');
      assert.doesNotMatch(items[4].detail!, /mapped/);
      assert.ok(
        items.every((item) => !item.label.startsWith('M08')),
        'no ICS mitigations',
      );
    });

    it('writes the whole row in the vault short-link style, pipe escaped, cursor in Description', () => {
      const marked = withRows(original, [`| M${CURSOR}`]);
      const { list, text } = completeAt(index, uri, marked);
      const item = sorted(list)[0];
      assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
      assert.equal(
        editOf(item).newText,
        '| [[Limit Software Installation\\\\|M1033]] | Limit Software Installation | $0 |',
      );
      const line = accept(text, item).split('\n')[editOf(item).range.start.line];
      assert.equal(
        line,
        '| [[Limit Software Installation\\|M1033]] | Limit Software Installation | $0 |',
      );
    });

    it('puts the mitigations the table already lists last', () => {
      const marked = original.replace(/(\| \[\[Antivirus／Antimalware[^\n]*\n)/, `$1| ${CURSOR}\n`);
      const { list } = completeAt(index, uri, marked);
      const items = sorted(list);
      assert.deepEqual(ids(items.slice(-4)).sort(), MAPPED_TO_PYTHON);
      assert.ok(items.slice(-4).every((item) => /already in the table/.test(item.detail!)));
    });

    it('offers rows on the empty line right under the table, and filters on what is typed', () => {
      const marked = original.replace(/(\| \[\[Antivirus／Antimalware[^\n]*\n)\n/, `$1${CURSOR}\n`);
      const { list } = completeAt(index, uri, marked);
      const audit = list.items.find((item) => item.label === 'M1047 Audit')!;
      assert.ok(audit, 'M1047 is offered');
      assert.equal(audit.filterText, 'M1047 Audit');
      assert.deepEqual(editOf(audit).range.start, {
        line: editOf(audit).range.start.line,
        character: 0,
      });
    });

    it('keeps ATT&CK names with a plain slash where the Name cells have one', () => {
      const { list } = completeAt(index, uri, withRows(original, [`| M${CURSOR}`]));
      const ssl = list.items.find((item) => item.label.startsWith('M1020'))!;
      assert.match(editOf(ssl).newText, /\| SSL\/TLS Inspection \| \$0 \|$/);
      const withAntivirus = completeAt(
        index,
        uri,
        original.replace(/(\| \[\[Antivirus／Antimalware[^\n]*\n)/, `$1| ${CURSOR}\n`),
      );
      const again = withAntivirus.list.items.find((item) => item.label.startsWith('M1020'))!;
      assert.match(
        editOf(again).newText,
        /\| SSL\/TLS Inspection \| \$0 \|$/,
        'a ／ in a link target does not count',
      );
    });

    it('writes a link in an ID cell when the other rows link their IDs', () => {
      const marked = original.replace('| [[Audit\\|M1047]] |', `| M10${CURSOR} |`);
      const { list, text } = completeAt(index, uri, marked);
      const audit = list.items.find((item) => item.label === 'M1047 Audit')!;
      assert.equal(editOf(audit).newText, '[[Audit\\|M1047]]');
      assert.equal(audit.insertTextFormat, undefined);
      assert.ok(accept(text, audit).includes('| [[Audit\\|M1047]] | Audit |'));
      assert.match(audit.detail!, /mapped to T1059\.006/, 'its own row does not count as present');
    });

    it('documents each item: kind, ID, domain, ATT&CK page', () => {
      const { list } = completeAt(index, uri, withRows(original, [`| ${CURSOR}`]));
      const item = list.items.find((i) => i.label.startsWith('M1033'))!;
      assert.equal(
        item.detail,
        'mitigation M1033 Limit Software Installation · mapped to T1059.006',
      );
      const doc = item.documentation as { kind: string; value: string };
      assert.equal(doc.kind, 'markdown');
      assert.match(doc.value, /https:\/\/attack\.mitre\.org\/mitigations\/M1033/);
      assert.match(doc.value, /Domain: enterprise/);
    });
  });

  describe('the seed note (vault-path links)', () => {
    const seed = () => readFileSync(seedPath, 'utf8');
    const folder =
      'CyberSecurity/Security+/1-Threats-Attacks-Vulnerabilities/Attacking-Frameworks/MITRE ATT&CK/ICS-Attack';

    it('continues the vault-path style of the other rows when the vault lacks the notes', () => {
      const text = seed();
      const index = memoryVault({});
      const uri = noteUri('T1059.006.md');
      const marked = text.replace(/(\|M1047\]\][^\n]*\n)/, `$1| M${CURSOR}\n`);
      const { list } = completeAt(index, uri, marked);
      const first = sorted(list)[0];
      // All four mapped mitigations are in the table, so the first is the rest's first.
      assert.match(first.detail!, /mitigation M1\d\d\d/);
      const m1036 = list.items.find((item) => item.label.startsWith('M1036'))!;
      assert.equal(
        accept(atLine(marked), m1036)
          .split('\n')
          .find((l) => l.includes('M1036')),
        `| [[${folder}/mitigations/Account Use Policies\\|M1036]] | Account Use Policies | $0 |`,
      );
    });

    it('writes the mapped mitigations first as vault paths, taking the folder from the Tactic link', () => {
      const text = seed();
      const index = memoryVault({});
      const uri = noteUri('T1059.006.md');
      const { list, text: plain } = completeAt(index, uri, withRows(text, [`| M${CURSOR}`]));
      const items = sorted(list);
      assert.deepEqual(ids(items.slice(0, 4)), MAPPED_TO_PYTHON);
      const line = accept(plain, items[0]).split('\n')[editOf(items[0]).range.start.line];
      assert.equal(
        line,
        `| [[${folder}/mitigations/Limit Software Installation\\|M1033]] | Limit Software Installation | $0 |`,
      );
    });

    it("writes names with the full-width slash as the seed's Name cells do", () => {
      const text = seed();
      const marked = text.replace(/(\|M1047\]\][^\n]*\n)/, `$1| M${CURSOR}\n`);
      const { list } = completeAt(memoryVault({}), noteUri('T1059.006.md'), marked);
      const ssl = list.items.find((item) => item.label.startsWith('M1020'))!;
      assert.match(editOf(ssl).newText, /\| SSL／TLS Inspection \| \$0 \|$/);
    });

    it('links to the vault note that defines the mitigation, by its vault path', () => {
      const text = seed();
      const index = memoryVault({
        'Attack/mitigations/Limit Software Installation.md': '---\nalias: M1033\n---\n\n## M1033\n',
        'Attack/tactics/Execution.md': '---\nalias: TA0002\n---\n\n## TA0002\n',
      });
      const uri = noteUri('Attack/techniques/Python.md');
      const { list, text: plain } = completeAt(index, uri, withRows(text, [`| ${CURSOR}`]));
      const first = sorted(list)[0];
      assert.equal(
        accept(plain, first).split('\n')[editOf(first).range.start.line],
        '| [[Attack/mitigations/Limit Software Installation\\|M1033]] | Limit Software Installation | $0 |',
      );
    });
  });

  describeWithShared('the kb dialect', 'kb-dialect', () => {
    let index: WorkspaceIndex;
    let uri: string;
    let original: string;

    before(async () => {
      index = await realVault(kbDialectRoot);
      uri = fileUri(kbDialectRoot, 'kb/mitre/attack/techniques/T1059.006-Python.md');
      original = index.get(uri)!.note.text;
    });
    afterEach(() => index.setNote(parseNote(original, uri)));

    it('offers the mapped mitigations first in its `## Mitigations` table, as vault paths', () => {
      const { list, text } = completeAt(index, uri, withRows(original, [`| M${CURSOR}`]));
      const items = sorted(list);
      assert.deepEqual(ids(items.slice(0, 4)), MAPPED_TO_PYTHON);
      const line = accept(text, items[0]).split('\n')[editOf(items[0]).range.start.line];
      assert.equal(
        line,
        '| [[kb/mitre/attack/mitigations/M1033-Limit_Software_Installation\\|M1033]] | Limit Software Installation | $0 |',
      );
    });
  });

  describe('memory vaults', () => {
    const technique = (rows: string) =>
      [
        '---',
        'alias: T1053.005',
        '---',
        '',
        '## T1053.005',
        '',
        '### Mitigations',
        '',
        '| ID | Name | Description |',
        '| --- | --- | --- |',
        rows,
      ].join('\n');

    it('writes bare IDs in an ID cell when the other rows hold bare IDs', () => {
      const index = memoryVault({});
      const marked = technique(`| M1047 | Audit | x |\n| M10${CURSOR} | | |`);
      const { list } = completeAt(index, noteUri('Scheduled Task.md'), marked);
      const m1026 = list.items.find((item) => item.label.startsWith('M1026'))!;
      assert.equal(editOf(m1026).newText, 'M1026');
    });

    it('writes a kb-style file name next to a kb-style sample when no note defines the ID', () => {
      const index = memoryVault({});
      const marked = technique(
        `| [[kb/mitigations/M1047-Audit\\|M1047]] | Audit | x |\n| ${CURSOR}`,
      );
      const { list } = completeAt(index, noteUri('Scheduled Task.md'), marked);
      const m1022 = list.items.find((item) => item.label.startsWith('M1022'))!;
      assert.equal(
        snippetCell(editOf(m1022).newText),
        '[[kb/mitigations/M1022-Restrict_File_and_Directory_Permissions\\|M1022]]',
      );
    });

    it('filters whole-row items on the row marker and one space, however it was typed', () => {
      for (const typed of ['|', '| ', '|  M']) {
        const { list } = completeAt(
          memoryVault({}),
          noteUri('Scheduled Task.md'),
          technique(`${typed}${CURSOR}`),
        );
        const audit = list.items.find((item) => item.label === 'M1047 Audit')!;
        assert.equal(audit.filterText, '| M1047 Audit', `after ${JSON.stringify(typed)}`);
      }
    });

    it('fills every free column with a tab stop, ending in the last', () => {
      const index = memoryVault({});
      const text = [
        '---',
        'alias: T1053.005',
        '---',
        '## Mitigations',
        '| ID | Name | Notes | Owner |',
        '| --- | --- | --- | --- |',
        `| ${CURSOR}`,
      ].join('\n');
      const { list } = completeAt(index, noteUri('Scheduled Task.md'), text);
      const item = sorted(list)[0];
      assert.match(editOf(item).newText, /\| \$1 \| \$0 \|$/);
    });

    it('shortens a link target to the shortest path that is unambiguous', () => {
      const index = memoryVault({
        'a/Audit.md': '---\nalias: M1047\n---\n',
        'b/Audit.md': '# not ATT&CK\n',
        'c/Other.md': '[[Somewhere]]',
      });
      const marked = technique(`| ${CURSOR}`);
      const { list } = completeAt(index, noteUri('Scheduled Task.md'), marked);
      const audit = list.items.find((item) => item.label === 'M1047 Audit')!;
      assert.equal(snippetCell(editOf(audit).newText), '[[a/Audit\\|M1047]]');
    });
  });
});

describe('completion: Sub-techniques and Techniques Addressed tables', function () {
  this.timeout(60000);

  it("offers a parent technique's sub-techniques as rows of its Sub-techniques table", async () => {
    const index = await realVault(sampleVaultRoot);
    const uri = fileUri(sampleVaultRoot, 'techniques/Command and Scripting Interpreter.md');
    const original = index.get(uri)!.note.text;
    try {
      const marked = original.replace(
        /(### Sub-techniques\n\n\| ID \| Name \|\n\| --- \| --- \|\n)(?:\|[^\n]*\n)+/,
        `$1| [[PowerShell\\|T1059.001]] | PowerShell |\n| T${CURSOR}\n`,
      );
      const { list, text } = completeAt(index, uri, marked);
      const items = sorted(list);
      assert.equal(items[0].label, 'T1059.002 AppleScript');
      assert.match(items[0].detail!, /sub-technique of T1059/);
      assert.equal(items.at(-1)!.label, 'T1059.001 PowerShell', 'the listed one comes last');
      assert.ok(items.every((item) => item.label.startsWith('T1059.')));
      const line = accept(text, items[0]).split('\n')[editOf(items[0]).range.start.line];
      assert.equal(line, '| [[AppleScript\\|T1059.002]] | AppleScript |');
    } finally {
      index.setNote(parseNote(original, uri));
    }
  });

  itWithShared(
    'offers the techniques a mitigation addresses first, and narrows the rest by what is typed',
    'kb-dialect',
    async () => {
      const index = await realVault(kbDialectRoot);
      const uri = fileUri(
        kbDialectRoot,
        'kb/mitre/attack/mitigations/M1033-Limit_Software_Installation.md',
      );
      const original = index.get(uri)!.note.text;
      try {
        const marked = withRows(
          original.replace('## Techniques Addressed by Mitigation', '## Mitigations'),
          [`| T${CURSOR}`],
        ).replace('## Mitigations', '## Techniques Addressed by Mitigation');
        const { list, text } = completeAt(index, uri, marked);
        const items = sorted(list);
        assert.equal(list.isIncomplete, true, 'every Enterprise technique would be too many');
        assert.ok(items.length <= 100);
        assert.equal(items[0].label, 'T1021.005 VNC');
        assert.match(items[0].detail!, /addressed by M1033/);
        const line = accept(text, items[0]).split('\n')[editOf(items[0]).range.start.line];
        assert.equal(
          line,
          '| [[kb/mitre/attack/techniques/T1021.005-VNC\\|T1021.005]] | VNC | $0 |',
        );
        const narrowed = completeAt(
          index,
          uri,
          marked.replace(`| T${CURSOR}`, `| Phish${CURSOR}`),
        ).list;
        assert.ok(narrowed.items.some((item) => item.label === 'T1566 Phishing'));
      } finally {
        index.setNote(parseNote(original, uri));
      }
    },
  );
});

/** The first cell of a snippet row, unescaped. */
function snippetCell(snippet: string): string {
  return snippet
    .split(' | ')[0]
    .replace(/^\| /, '')
    .replace(/\\([\\$}])/g, '$1');
}

/** The marked text without its cursor marker. */
function atLine(marked: string): string {
  return marked.replace(CURSOR, '');
}
