import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { hover } from '../../../server/src/core/features/hover';
import type { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';
import {
  atCursor,
  CURSOR,
  fileUri,
  kbDialectRoot,
  knowledgeBase,
  realVault,
  sampleVaultRoot,
  seedPath,
} from '../completion/support';
import { itWithShared } from '../../support/sharedData';
import { memoryVault, noteUri } from '../support/memoryVault';

function hoverAt(index: WorkspaceIndex, uri: string, marked: string): Hover | undefined {
  const { text, position } = atCursor(marked);
  const note = parseNote(text, uri);
  index.setNote(note);
  return hover(note, index, knowledgeBase(), position);
}

function value(result: Hover | undefined): string {
  assert.ok(result, 'expected a hover');
  return (result.contents as MarkupContent).value;
}

const HERE = noteUri('notes/Scratch.md');

describe('hover', () => {
  it('describes a technique ID in running text: kind, domain, tactics, platforms, mitigations, page', () => {
    const result = hoverAt(memoryVault({}), HERE, `We saw T1059.0${CURSOR}06 twice.`);
    const text = value(result);
    assert.match(text, /\*\*Python\*\* · sub-technique `T1059\.006`/);
    assert.match(text, /Sub-technique of Command and Scripting Interpreter \(T1059\)/);
    assert.match(text, /Domain: enterprise/);
    assert.match(text, /Tactics: Execution \(TA0002\)/);
    assert.match(text, /Platforms: ESXi, Linux, macOS, Windows/);
    assert.match(
      text,
      /Mitigations: Limit Software Installation \(M1033\), Execution Prevention \(M1038\), Audit \(M1047\), Antivirus\/Antimalware \(M1049\)/,
    );
    assert.match(text, /\(https:\/\/attack\.mitre\.org\/techniques\/T1059\/006\)/);
    assert.deepEqual(result!.range, {
      start: { line: 0, character: 7 },
      end: { line: 0, character: 16 },
    });
  });

  it('describes IDs in front matter, headings and table cells', () => {
    const marked = `---\nalias: M10${CURSOR}47\n---\n`;
    assert.match(value(hoverAt(memoryVault({}), HERE, marked)), /\*\*Audit\*\* · mitigation/);
    const heading = `## TA00${CURSOR}02\n`;
    assert.match(value(hoverAt(memoryVault({}), HERE, heading)), /\*\*Execution\*\* · tactic/);
    const cell = `| ID | Name |\n| --- | --- |\n| G00${CURSOR}07 | APT28 |`;
    const group = value(hoverAt(memoryVault({}), HERE, cell));
    assert.match(group, /\*\*APT28\*\* · group/);
    assert.match(group, /Also known as: .*Fancy Bear/);
  });

  it('marks a revoked ID and names its replacement', () => {
    const text = value(hoverAt(memoryVault({}), HERE, `Old: T10${CURSOR}86`));
    assert.match(text, /\*\*Revoked\*\*: replaced by PowerShell \(T1059\.001\)/);
  });

  it('says when an ID is unknown, and which vault note defines it', () => {
    const index = memoryVault({
      'techniques/Router CLI.md':
        '---\nalias: T1059.999\n---\n\n## T1059.999\n\nOur own technique.\n',
    });
    const text = value(hoverAt(index, HERE, `See T1059.99${CURSOR}9`));
    assert.match(text, /`T1059\.999` is not an ATT&CK 18\.1 ID/);
    assert.match(text, /techniques\/Router CLI\.md/);
    assert.match(text, /Our own technique\./);
  });

  it('on a wikilink: the target note facts and the first lines of its text, without front matter', () => {
    const index = memoryVault({
      'tactics/Execution.md':
        '---\nalias: TA0002\n---\n\n## TA0002\n\nThe adversary runs code.(Citation: X)\n\nSecond paragraph.\n\n### References\n',
    });
    const result = hoverAt(index, HERE, `- [[Exec${CURSOR}ution]] (TA0002)`);
    const text = value(result);
    assert.match(text, /\*\*Execution\*\* · tactic `TA0002`/);
    assert.match(text, /`tactics\/Execution\.md`/);
    assert.match(text, /The adversary runs code\.$/m);
    assert.doesNotMatch(text, /alias:|Citation|Second paragraph/);
    assert.deepEqual(result!.range, {
      start: { line: 0, character: 2 },
      end: { line: 0, character: 15 },
    });
  });

  it('on a link to a plain note, a broken link and an ambiguous one', () => {
    const index = memoryVault({
      'notes/Hunting ideas.md': '# Hunting ideas\n\nOur own notes.\n',
      'a/Audit.md': 'a',
      'b/Audit.md': 'b',
    });
    const plain = value(hoverAt(index, HERE, `[[Hunting${CURSOR} ideas]]`));
    assert.match(plain, /\*\*Hunting ideas\*\*/);
    assert.match(plain, /Our own notes\./);
    const broken = value(hoverAt(index, HERE, `[[Nowhere\\|M10${CURSOR}47]]`));
    assert.match(broken, /No note.*Nowhere/);
    assert.match(broken, /\*\*Audit\*\* · mitigation/);
    const ambiguous = value(hoverAt(index, HERE, `[[Au${CURSOR}dit]]`));
    assert.match(ambiguous, /Ambiguous link.*2 notes/);
    assert.match(ambiguous, /a\/Audit\.md[\s\S]*b\/Audit\.md/);
  });

  it('on a tactic line, the tactic, also away from the link and the ID', () => {
    const seed = readFileSync(seedPath, 'utf8');
    const marked = seed.replace('- [[CyberSecurity', `${CURSOR}- [[CyberSecurity`);
    const text = value(hoverAt(memoryVault({}), noteUri('T1059.006.md'), marked));
    assert.match(text, /\*\*Execution\*\* · tactic `TA0002`/);
  });

  it('on a kb-dialect front matter tactic item, the tactic', () => {
    const marked = `---\naliases:\n    - T1059.006\ntactic:\n     - Exec${CURSOR}ution\n---\n`;
    assert.match(
      value(hoverAt(memoryVault({}), HERE, marked)),
      /\*\*Execution\*\* · tactic `TA0002`/,
    );
  });

  it('on front matter values of both dialects: a tactic scalar, a `mitre-attack:` path, as the ID', () => {
    const seedStyle = `---\nalias: T1059.006\ntactics: Exec${CURSOR}ution\n---\n`;
    const tactic = hoverAt(memoryVault({}), HERE, seedStyle);
    assert.match(value(tactic), /\*\*Execution\*\* · tactic `TA0002`/);
    assert.deepEqual(tactic!.range, {
      start: { line: 2, character: 9 },
      end: { line: 2, character: 18 },
    });
    const vault = memoryVault({
      'kb/mitre/attack/techniques/T1059.006-Python.md': '---\naliases:\n    - T1059.006\n---\n',
    });
    const kbStyle = `---\nmitre-attack: kb/mitre/attack/techniques/T1059.006-Pyt${CURSOR}hon\n---\n`;
    const path = value(hoverAt(vault, HERE, kbStyle));
    assert.match(path, /\*\*Python\*\* · sub-technique `T1059\.006`/);
    assert.match(path, /Note: `kb\/mitre\/attack\/techniques\/T1059\.006-Python\.md`/);
  });

  it('on a citation, its reference line and URL', () => {
    const marked = [
      `Text.(Citation: Zscaler${CURSOR} APT31)`,
      '',
      '### References',
      '',
      '- Zscaler APT31: https://example.com/zscaler',
    ].join('\n');
    const text = value(hoverAt(memoryVault({}), HERE, marked));
    assert.match(text, /\*\*Zscaler APT31\*\*/);
    assert.match(text, /\(https:\/\/example\.com\/zscaler\)/);
    const missing = value(hoverAt(memoryVault({}), HERE, `(Citation: Nob${CURSOR}ody)`));
    assert.match(missing, /No reference line names `Nobody`/);
  });

  it('returns nothing over plain words', () => {
    assert.equal(hoverAt(memoryVault({}), HERE, `Just wo${CURSOR}rds.`), undefined);
  });

  describe('vaults on disk', function () {
    this.timeout(60000);

    it('the sample vault: a mitigation link in the Python note shows the mitigation and its text', async () => {
      const index = await realVault(sampleVaultRoot);
      const uri = fileUri(sampleVaultRoot, 'techniques/Python.md');
      const original = index.get(uri)!.note.text;
      try {
        const marked = original.replace('[[Audit\\|M1047]]', `[[Au${CURSOR}dit\\|M1047]]`);
        const text = value(hoverAt(index, uri, marked));
        assert.match(text, /\*\*Audit\*\* · mitigation `M1047`/);
        assert.match(text, /`mitigations\/Audit\.md`/);
        assert.doesNotMatch(text, /alias: M1047|## M1047/);
      } finally {
        index.setNote(parseNote(original, uri));
      }
    });

    itWithShared(
      'kb dialect: a vault-path link shows the description after `## Description`, <br> as breaks',
      'kb-dialect',
      async () => {
        const index = await realVault(kbDialectRoot);
        const uri = fileUri(kbDialectRoot, 'kb/mitre/attack/techniques/T1059.006-Python.md');
        const original = index.get(uri)!.note.text;
        try {
          const marked = original.replace(
            '[[kb/mitre/attack/mitigations/M1033',
            `[[kb/mitre/attack/mitigations/M10${CURSOR}33`,
          );
          const text = value(hoverAt(index, uri, marked));
          assert.match(text, /\*\*Limit Software Installation\*\* · mitigation `M1033`/);
          assert.doesNotMatch(text, /<br>|aliases:/);
          assert.match(text, /---\n\nPrevent users or groups/);
        } finally {
          index.setNote(parseNote(original, uri));
        }
      },
    );
  });
});
