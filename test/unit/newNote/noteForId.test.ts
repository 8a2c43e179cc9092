import { strict as assert } from 'node:assert';
import { URI } from 'vscode-uri';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { newNoteForId, type NewNote } from '../../../server/src/core/features/newNote/noteForId';
import { GROUP, GROUP_PATH, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { catalogKnowledgeBase } from '../kb/attackData';
import { check, fixesOf } from '../codeActions/support';
import { memoryVault, noteUri } from '../support/memoryVault';

const baseKb = catalogKnowledgeBase();
const VAULT = URI.file('/vault').toString();

function created(files: Record<string, string>, id: string): NewNote {
  const index = memoryVault(files);
  const outcome = newNoteForId(
    index,
    baseKb.withVaultDefinitions(vaultDefinitions(index)),
    VAULT,
    id,
  );
  assert.ok('note' in outcome, `no note for ${id}: ${JSON.stringify(outcome)}`);
  return outcome.note;
}

function problemOf(files: Record<string, string>, id: string): string {
  const index = memoryVault(files);
  const outcome = newNoteForId(
    index,
    baseKb.withVaultDefinitions(vaultDefinitions(index)),
    VAULT,
    id,
  );
  assert.ok('problem' in outcome, `expected a problem for ${id}, got ${JSON.stringify(outcome)}`);
  return outcome.problem;
}

describe('new note for an ID (the coverage matrix empty cell)', function () {
  it('writes the same skeleton as the link-broken quick fix, in the folder of the vault techniques', function () {
    const files = seedVault();
    const note = created(files, 't1059.007');
    assert.equal(note.vaultPath, 'techniques/JavaScript.md');
    assert.equal(note.uri, noteUri('techniques/JavaScript.md'));
    assert.equal(note.title, 'T1059.007 JavaScript');

    // The quick fix for a broken [[JavaScript|T1059.007]] link in the group note.
    const linking = edit(
      GROUP,
      '| APT28 ran Python scripts. |',
      '| APT28 ran Python scripts. |\n| [[JavaScript\\|T1059.007]] | JavaScript | x |',
    );
    const checked = check(seedVault({ [GROUP_PATH]: linking }), GROUP_PATH);
    const broken = checked.diagnostics.find((d) => d.code === 'link-broken');
    assert.ok(broken);
    const fix = fixesOf(checked, broken).find((f) => f.createNote);
    assert.deepEqual(fix?.createNote, { uri: note.uri, text: note.text });
    assert.match(
      note.text,
      /^---\nalias: T1059\.007\n---\n\n## T1059\.007\n\n### Tactic\n- \[\[Execution\]\] \(TA0002\)\n/,
    );
  });

  it('adds the ID to a name another note already has, and files mitigations with theirs', function () {
    const files = seedVault({ 'notes/Code Signing.md': '# Code signing in our fleet\n' });
    const note = created(files, 'M1045');
    assert.equal(note.vaultPath, 'mitigations/Code Signing (M1045).md');
    assert.equal(note.title, 'M1045 Code Signing');
    assert.match(
      note.text,
      /^---\nalias: M1045\n---\n\n## M1045\n\n### Techniques Addressed by Mitigation\n/,
    );
  });

  it('writes a name with a slash in full width, and follows the CRLF of the folder notes', function () {
    const files = seedVault();
    for (const [path, text] of Object.entries(files)) {
      if (path.startsWith('techniques/')) files[path] = text.replace(/\n/g, '\r\n');
    }
    const note = created(files, 'T1053.005');
    assert.equal(note.vaultPath, 'techniques/Scheduled Task.md');
    const parent = created(files, 'T1053');
    assert.equal(parent.vaultPath, 'techniques/Scheduled Task／Job.md');
    assert.ok(parent.text.includes('\r\n### Sub-techniques\r\n'));
    assert.ok(!/[^\r]\n/.test(parent.text), 'every line break is CRLF');
  });

  it('refuses an ID the vault has a note for, and text that is no ATT&CK ID', function () {
    assert.equal(
      problemOf(seedVault(), 'T1059.006'),
      'T1059.006 already has a note: techniques/Python.md.',
    );
    assert.equal(problemOf(seedVault(), '../etc'), '"../etc" is not an ATT&CK ID.');
  });
});
