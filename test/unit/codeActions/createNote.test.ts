import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { computeDiagnostics } from '../../../server/src/core/features/diagnostics/computeDiagnostics';
import { defaultRuleConfig } from '../../../server/src/core/features/diagnostics/config';
import { vaultDefinitions } from '../../../server/src/core/features/diagnostics/vaultDefinitions';
import { loadFoldersFromDisk } from '../../../server/src/core/index/diskVault';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';
import type { NoteFix } from '../../../server/src/core/features/codeActions/types';
import { GROUP, GROUP_PATH, PYTHON, PYTHON_PATH, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { catalogKnowledgeBase } from '../kb/attackData';
import { noteUri, sharedRoot } from '../support/memoryVault';
import { check, fixesOf, summary } from './support';

/** The "create" fix of the link-broken diagnostic whose message names `target`. */
function createFix(files: Record<string, string>, vaultPath: string, target: string): NoteFix {
  const checked = check(files, vaultPath);
  const diagnostic = checked.diagnostics.find(
    (d) => d.code === 'link-broken' && d.message.startsWith(`No note matches [[${target}`),
  );
  assert.ok(diagnostic, `no link-broken for ${target}: ${summary(checked.diagnostics).join('; ')}`);
  const fix = fixesOf(checked, diagnostic).find((f) => f.createNote);
  assert.ok(fix, `no create fix for ${target}`);
  assert.equal(fix.unambiguous, false);
  assert.deepEqual(fix.edits, []);
  return fix;
}

/** The vault after the fix: the new note added at its path. */
function withCreated(files: Record<string, string>, fix: NoteFix): Record<string, string> {
  const prefix = 'file:///vault/';
  const uri = fix.createNote!.uri;
  assert.ok(uri.startsWith(prefix));
  return { ...files, [decodeURIComponent(uri.slice(prefix.length))]: fix.createNote!.text };
}

const JAVASCRIPT_ROW = '| [[JavaScript\\|T1059.007]] | JavaScript | APT28 ran JavaScript. |';

/** The skeleton of T1059.007 as ATT&CK v18.1 has it (the enterprise vault's note, less prose). */
const JAVASCRIPT_SKELETON = `---
alias: T1059.007
---

## T1059.007

### Tactic
- [[Execution]] (TA0002)

### Platforms
- Linux
- macOS
- Windows

### Permissions Required

### Mitigations

| ID | Name | Description |
| --- | --- | --- |
| [[Restrict Web-Based Content\\|M1021]] | Restrict Web-Based Content |  |
| [[Execution Prevention\\|M1038]] | Execution Prevention |  |
| [[Behavior Prevention on Endpoint\\|M1040]] | Behavior Prevention on Endpoint |  |
| [[Disable or Remove Feature or Program\\|M1042]] | Disable or Remove Feature or Program |  |

---
### References

- mitre-attack: https://attack.mitre.org/techniques/T1059/007
`;

describe('fixes: link-broken (create the note)', function () {
  const groupWithJavaScript = edit(
    GROUP,
    '| APT28 ran Python scripts. |',
    `| APT28 ran Python scripts. |\n${JAVASCRIPT_ROW}`,
  );

  it('writes the skeleton of the ID in the link alias, in the folder of the vault techniques', function () {
    const files = seedVault({ [GROUP_PATH]: groupWithJavaScript });
    const fix = createFix(files, GROUP_PATH, 'JavaScript');
    assert.equal(fix.title, "Create the note 'techniques/JavaScript.md' for T1059.007 JavaScript");
    assert.deepEqual(fix.createNote, {
      uri: noteUri('techniques/JavaScript.md'),
      text: JAVASCRIPT_SKELETON,
    });

    const after = withCreated(files, fix);
    const linking = check(after, GROUP_PATH);
    assert.deepEqual(linking.diagnostics, [], 'the link resolves once the note exists');
    // The new note is clean but for the mitigation notes this small vault lacks.
    assert.deepEqual(summary(check(after, 'techniques/JavaScript.md').diagnostics), [
      'link-broken: No note matches [[Restrict Web-Based Content]]; expected the name or vault path of an existing note',
      'link-broken: No note matches [[Behavior Prevention on Endpoint]]; expected the name or vault path of an existing note',
      'link-broken: No note matches [[Disable or Remove Feature or Program]]; expected the name or vault path of an existing note',
    ]);
  });

  it('knows an object by its ATT&CK name (in the linking note domain) and files it with its kind', function () {
    const linking = edit(
      PYTHON,
      'for execution.',
      'for execution. Then [[Discovery]] and [[Command and Scripting Interpreter]].',
    );
    const files = seedVault({ [PYTHON_PATH]: linking });
    const tactic = createFix(files, PYTHON_PATH, 'Discovery');
    assert.deepEqual(tactic.createNote, {
      uri: noteUri('tactics/Discovery.md'),
      text: '---\nalias: TA0007\n---\n\n## TA0007\n\n---\n### References\n\n- mitre-attack: https://attack.mitre.org/tactics/TA0007\n',
    });
    const after = withCreated(files, tactic);
    assert.deepEqual(check(after, 'tactics/Discovery.md').diagnostics, []);
    assert.deepEqual(
      summary(check(after, PYTHON_PATH).diagnostics).filter((s) => s.includes('Discovery')),
      [],
    );
    // Enterprise T1059 and Mobile T1623 share the name; the Python note is Enterprise.
    const technique = createFix(files, PYTHON_PATH, 'Command and Scripting Interpreter');
    assert.match(technique.title, / for T1059 Command and Scripting Interpreter$/);
    assert.match(technique.createNote!.text, /^---\nalias: T1059\n---\n\n## T1059\n/);
    assert.ok(
      technique.createNote!.text.includes(
        '\n### Sub-techniques\n\n| ID | Name |\n| --- | --- |\n| [[PowerShell\\|T1059.001]] | PowerShell |\n',
      ),
    );
  });

  it("lists the techniques a mitigation addresses in the linking note's domain only", function () {
    // M1013 is an Enterprise and a Mobile mitigation; this vault is Enterprise.
    const linking = edit(
      PYTHON,
      'for execution.',
      'for execution. See [[Application Developer Guidance|M1013]].',
    );
    const fix = createFix(
      seedVault({ [PYTHON_PATH]: linking }),
      PYTHON_PATH,
      'Application Developer Guidance',
    );
    const rows = fix.createNote!.text.split('\n').filter((line) => line.startsWith('| [['));
    const ids = rows.map((row) => /\\\|([A-Z0-9.]+)\]\]/.exec(row)![1]);
    assert.deepEqual(ids, [
      'T1078',
      'T1195',
      'T1195.001',
      'T1212',
      'T1496.003',
      'T1550',
      'T1550.001',
      'T1559',
      'T1559.003',
      'T1564',
      'T1564.009',
      'T1564.012',
      'T1574',
      'T1574.001',
      'T1593',
      'T1593.003',
      'T1647',
    ]);
    assert.equal(fix.createNote!.uri, noteUri('mitigations/Application Developer Guidance.md'));
  });

  it('writes links as vault paths when the linking note does, and keeps its CRLF line breaks', function () {
    let linking = PYTHON.replace('[[Execution]]', '[[tactics/Execution]]');
    for (const name of [
      'Limit Software Installation',
      'Execution Prevention',
      'Audit',
      'Antivirus／Antimalware',
    ]) {
      linking = linking.replace(`[[${name}\\|`, `[[mitigations/${name}\\|`);
    }
    linking = edit(
      linking,
      'for execution.',
      'for execution. See [[techniques/JavaScript|T1059.007]].',
    );
    const files = seedVault({ [PYTHON_PATH]: linking.replace(/\n/g, '\r\n') });
    const fix = createFix(files, PYTHON_PATH, 'techniques/JavaScript');
    const expected = JAVASCRIPT_SKELETON.replace('[[Execution]]', '[[tactics/Execution]]').replace(
      /\| \[\[/g,
      '| [[mitigations/',
    );
    assert.deepEqual(fix.createNote, {
      uri: noteUri('techniques/JavaScript.md'),
      text: expected.replace(/\n/g, '\r\n'),
    });
  });

  it('spells the folders of a path as the vault does', function () {
    const linking = edit(
      PYTHON,
      'for execution.',
      'for execution. [[TACTICS/Discovery]], [[../Mitigations/New/Idea]]',
    );
    const files = seedVault({ [PYTHON_PATH]: linking });
    assert.equal(
      createFix(files, PYTHON_PATH, 'TACTICS/Discovery').createNote!.uri,
      noteUri('tactics/Discovery.md'),
    );
    assert.equal(
      createFix(files, PYTHON_PATH, '../Mitigations/New/Idea').createNote!.uri,
      noteUri('mitigations/New/Idea.md'),
    );
  });

  it('creates an empty note where the link points when nothing tells its kind', function () {
    const linking = edit(
      PYTHON,
      'for execution.',
      'for execution. [[notes/drafts/Idea]], [[../notes/Plan.md]], [[Hunch]], [[What?]]',
    );
    const files = seedVault({ [PYTHON_PATH]: linking });
    const created = [
      createFix(files, PYTHON_PATH, 'notes/drafts/Idea'),
      createFix(files, PYTHON_PATH, '../notes/Plan.md'),
      createFix(files, PYTHON_PATH, 'Hunch'),
    ];
    assert.deepEqual(
      created.map((fix) => [fix.title, fix.createNote]),
      [
        [
          "Create the note 'notes/drafts/Idea.md'",
          { uri: noteUri('notes/drafts/Idea.md'), text: '' },
        ],
        ["Create the note 'notes/Plan.md'", { uri: noteUri('notes/Plan.md'), text: '' }],
        // No note kind: the linking note's folder.
        [
          "Create the note 'techniques/Hunch.md'",
          { uri: noteUri('techniques/Hunch.md'), text: '' },
        ],
      ],
    );
    let after = files;
    for (const fix of created) after = withCreated(after, fix);
    assert.deepEqual(summary(check(after, PYTHON_PATH).diagnostics), [
      'link-broken: No note matches [[What?]]; expected the name or vault path of an existing note',
    ]);
    // A name no file system takes is not offered.
    const what = check(after, PYTHON_PATH);
    assert.deepEqual(
      fixesOf(what, what.diagnostics[0]).filter((f) => f.createNote),
      [],
    );
  });
});

describe('fixes: link-broken (create the note) in the enterprise vault', function () {
  this.timeout(60000);
  const vault = path.join(sharedRoot, 'vaults', 'enterprise');

  it('writes a clean note holding only facts of the note it replaces', async function () {
    if (!existsSync(vault)) {
      console.log(`      (skipped: ${vault} is absent)`);
      this.skip();
    }
    const folderUri = URI.file(vault).toString();
    const index = new WorkspaceIndex([folderUri]);
    await loadFoldersFromDisk(index);
    const removedUri = URI.file(path.join(vault, 'techniques', 'JavaScript.md')).toString();
    const original = index.get(removedUri)!.text;
    index.removeNote(removedUri);
    const kb = catalogKnowledgeBase().withVaultDefinitions(vaultDefinitions(index));
    const config = defaultRuleConfig();
    const linking = index.get(URI.file(path.join(vault, 'groups', 'APT32.md')).toString())!;
    const broken = computeDiagnostics(linking.note, index, kb, config).filter(
      (d) => d.code === 'link-broken',
    );
    assert.equal(broken.length, 1);
    const fix = fixesOf(
      { context: { note: linking.note, index, kb }, diagnostics: broken, text: linking.text },
      broken[0],
    ).find((f) => f.createNote)!;
    assert.equal(fix.createNote!.uri, removedUri);

    // Every line is the original's, or a row of it with the Description cell emptied.
    const originalLines = original.split('\n');
    for (const line of fix.createNote!.text.split('\n')) {
      const row = /^(\| .* \| .* \| ) \|$/.exec(line);
      assert.ok(
        row ? originalLines.some((l) => l.startsWith(row[1])) : originalLines.includes(line),
        `not in the original note: ${line}`,
      );
    }
    index.setNote(parseNote(fix.createNote!.text, removedUri));
    const vaultKb = catalogKnowledgeBase().withVaultDefinitions(vaultDefinitions(index));
    assert.deepEqual(computeDiagnostics(index.get(removedUri)!.note, index, vaultKb, config), []);
    assert.deepEqual(computeDiagnostics(linking.note, index, vaultKb, config), []);
  });

  it('offers no note to create for a link with half a surrogate pair, and does not throw', function () {
    // Found by fuzzing: encoding the new note's URI threw "URI malformed", and the whole
    // code-action answer for the note failed.
    for (const target of ['\uDC00', 'a\uD83D', 'techniques/x\uD800y']) {
      const text = `${PYTHON}\nSee [[${target}]].\n`;
      const checked = check(seedVault({ [PYTHON_PATH]: text }), PYTHON_PATH);
      const broken = checked.diagnostics.filter((d) => d.code === 'link-broken');
      assert.equal(broken.length, 1, target);
      assert.deepEqual(
        fixesOf(checked, broken[0]).filter((f) => f.createNote),
        [],
      );
    }
  });
});
