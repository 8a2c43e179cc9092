import { strict as assert } from 'node:assert';
import { definition } from '../../../server/src/core/features/navigation/definition';
import { memoryVault, noteUri } from '../support/memoryVault';
import {
  ATTACK_ROOT,
  noteById,
  noteOf,
  positionOf,
  SEED_URI,
  seedVault,
  sharedVault,
} from './fixtures';
import { itWithShared } from '../../support/sharedData';
import { catalogKnowledgeBase } from '../kb/attackData';

describe('navigation: go to definition', () => {
  it('follows the seed’s vault-path M1033 link to the Limit Software Installation note', () => {
    const index = seedVault();
    const seed = index.get(SEED_URI)!.note;
    const [target, ...others] = definition(
      seed,
      index,
      positionOf(seed, 'Limit Software Installation\\|', 3),
    );
    assert.equal(others.length, 0);
    assert.equal(
      target.targetUri,
      noteUri(`${ATTACK_ROOT}/mitigations/Limit Software Installation.md`),
    );
    // The whole link is the clickable origin.
    assert.equal(target.originSelectionRange!.start.line, 25);
    assert.equal(target.originSelectionRange!.start.character, 2);
  });

  it('leads from a link’s ID alias and from an ID in running text to the defining note’s ID heading', () => {
    const index = seedVault();
    const seed = index.get(SEED_URI)!.note;
    const [viaAlias] = definition(seed, index, positionOf(seed, 'M1047]]', 2));
    assert.equal(viaAlias.targetUri, noteUri(`${ATTACK_ROOT}/mitigations/Audit.md`));
    assert.deepEqual(viaAlias.targetSelectionRange, {
      start: { line: 4, character: 3 },
      end: { line: 4, character: 8 },
    });
    assert.equal(
      viaAlias.originSelectionRange!.start.character,
      positionOf(seed, 'M1047]]').character,
    );

    const hunting = noteOf(index, 'notes/Hunting.md');
    const [viaText] = definition(hunting, index, positionOf(hunting, 'M1047', 1));
    assert.equal(viaText.targetUri, noteUri(`${ATTACK_ROOT}/mitigations/Audit.md`));
    const [tactic] = definition(seed, index, positionOf(seed, '(TA0002)', 1));
    assert.equal(tactic.targetUri, noteUri(`${ATTACK_ROOT}/tactics/Execution.md`));
    // An ID no note defines leads nowhere.
    assert.deepEqual(definition(seed, index, positionOf(seed, 'T1059/006', 1)), []);
  });

  it('leads from front matter values of both dialects where their IDs lead', () => {
    const kbNote = (id: string) => `---\naliases: \n    - ${id}\n---\n\n## Description\n`;
    const technique = [
      '---',
      'aliases: ',
      '    - T1059.006',
      'tactic: ',
      '     - Execution',
      'mitre-attack: kb/mitre/attack/techniques/T1059.006-Python',
      '---',
      '',
    ].join('\n');
    const index = memoryVault({
      'kb/mitre/attack/techniques/T1059.006-Python.md': technique,
      'kb/mitre/attack/tactics/TA0002-Execution.md': kbNote('TA0002'),
      'notes/Seed style.md': '---\nalias: T1059.006\ntactics: [TA0002]\n---\n\n## T1059.006\n',
    });
    const kb = catalogKnowledgeBase();
    const note = noteOf(index, 'kb/mitre/attack/techniques/T1059.006-Python.md');
    // A tactic by name (the knowledge base names it), with the item as the clickable origin.
    const [tactic, ...more] = definition(note, index, positionOf(note, 'Execution', 3), kb);
    assert.equal(more.length, 0);
    assert.equal(tactic.targetUri, noteUri('kb/mitre/attack/tactics/TA0002-Execution.md'));
    assert.deepEqual(tactic.originSelectionRange, {
      start: { line: 4, character: 7 },
      end: { line: 4, character: 16 },
    });
    // The mitre-attack vault path: its file name's ID.
    const [page] = definition(note, index, positionOf(note, '-Python', 2), kb);
    assert.equal(page.targetUri, noteUri('kb/mitre/attack/techniques/T1059.006-Python.md'));
    // Seed style: the alias ID and a tactic ID in a flow list.
    const seedStyle = noteOf(index, 'notes/Seed style.md');
    const viaAlias = definition(seedStyle, index, positionOf(seedStyle, 'T1059.006', 2), kb);
    assert.deepEqual(viaAlias.map((link) => link.targetUri).sort(), [
      noteUri('kb/mitre/attack/techniques/T1059.006-Python.md'),
      noteUri('notes/Seed style.md'),
    ]);
    const [viaList] = definition(seedStyle, index, positionOf(seedStyle, 'TA0002', 2), kb);
    assert.equal(viaList.targetUri, noteUri('kb/mitre/attack/tactics/TA0002-Execution.md'));
  });

  it('lands on the heading a link names, and offers every candidate of an ambiguous link', () => {
    const index = memoryVault({
      'a/Deep.md': '# Deep\n\n## Part two\n',
      'b/Deep.md': '# Other deep\n',
      'Linker.md': 'See [[a/Deep#Part two]] and [[Deep]] and [[Missing]].\n',
    });
    const linker = noteOf(index, 'Linker.md');
    const [heading] = definition(linker, index, positionOf(linker, 'a/Deep#'));
    assert.equal(heading.targetUri, noteUri('a/Deep.md'));
    assert.equal(heading.targetSelectionRange.start.line, 2);
    const ambiguous = definition(linker, index, positionOf(linker, '[[Deep]]', 3));
    assert.deepEqual(
      ambiguous.map((target) => target.targetUri),
      [noteUri('a/Deep.md'), noteUri('b/Deep.md')],
    );
    assert.deepEqual(definition(linker, index, positionOf(linker, 'Missing')), []);
    assert.deepEqual(definition(linker, index, positionOf(linker, 'See')), []);
  });

  it('leads from (Citation: X) to its reference line', () => {
    const index = seedVault();
    const seed = index.get(SEED_URI)!.note;
    const [reference] = definition(seed, index, positionOf(seed, '(Citation: Zscaler', 12));
    assert.equal(reference.targetUri, seed.uri);
    assert.equal(reference.targetRange.start.line, 35);
    assert.equal(seed.text.split('\n')[35].startsWith('- Zscaler APT31'), true);
  });

  describe('on the shared vaults', function () {
    this.timeout(60000);

    itWithShared(
      'enterprise: the technique’s tactic link, mitigation link and the ID heading itself',
      'enterprise',
      async () => {
        const index = await sharedVault('enterprise');
        const python = noteById(index, 'T1059.006').note;
        const [tactic] = definition(python, index, positionOf(python, '[[Execution]]', 3));
        assert.equal(tactic.targetUri, noteById(index, 'TA0002').uri);
        const [audit] = definition(python, index, positionOf(python, 'Audit\\|M1047', 1));
        assert.equal(audit.targetUri, noteById(index, 'M1047').uri);
        const [self] = definition(python, index, positionOf(python, '## T1059.006', 4));
        assert.equal(self.targetUri, python.uri);
      },
    );

    itWithShared(
      'kb dialect: a vault-path link in a table and a footnote reference',
      'kb-dialect',
      async () => {
        const index = await sharedVault('kb-dialect');
        const python = noteById(index, 'T1059.006').note;
        const [mitigation] = definition(python, index, positionOf(python, 'M1033-Limit', 2));
        assert.equal(mitigation.targetUri, noteById(index, 'M1033').uri);
        const [footnote] = definition(python, index, positionOf(python, 'executables.[^7]', 13));
        assert.equal(footnote.targetUri, python.uri);
        assert.match(
          python.text.split('\n')[footnote.targetRange.start.line],
          /^> \[\^7\]: \[Zscaler/,
        );
      },
    );
  });
});
