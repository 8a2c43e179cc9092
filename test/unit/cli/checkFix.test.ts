import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogKnowledgeBase } from '../kb/attackData';
import { repoRoot } from '../support/memoryVault';
import { runCheckInProcess } from './runCheckInProcess';

/** `attack-notes check --fix` and `--fix-dry-run` over a copy of the sample vault. */

const run = (cwd: string, ...args: string[]) => runCheckInProcess(cwd, args, catalogKnowledgeBase);

const POWERSHELL = 'techniques/PowerShell.md';
const WRONG_NAME = '| [[Execution Prevention\\|M1038]] | Execution Protection |';
const RIGHT_NAME = '| [[Execution Prevention\\|M1038]] | Execution Prevention |';
const BARE_PIPE = '| [[Code Signing|M1045]] |';
const ESCAPED_PIPE = '| [[Code Signing\\|M1045]] |';

/** Every file of a folder, by path relative to it, with its bytes as text (latin1 keeps bytes). */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full), readFileSync(full, 'latin1'));
    }
  };
  walk(root);
  return files;
}

function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `'${from}' must occur once`);
  return text.replace(from, to);
}

const LEFT =
  'vault/notes/Hunting ideas.md:11:3 warning id-unknown T1059.999 is not defined by ATT&CK 18.1 or by any note of the vault; expected T1059.008, the ID of Network Device CLI\n' +
  'vault/techniques/PowerShell.md:7:274 warning link-broken No note matches [[PowerShell Remoting]]; expected the name or vault path of an existing note\n' +
  'vault/techniques/PowerShell.md:11:18 warning tactic-id-mismatch The tactic Execution is TA0002, not TA0003 (Persistence); expected (TA0002)\n' +
  '3 problems (0 errors, 3 warnings, 0 info, 0 hints) in 2 files of 27 notes.\n';

describe('attack-notes check --fix', function () {
  this.timeout(60000);
  let work: string;
  let vault: string;
  let original: string;

  beforeEach(function () {
    work = mkdtempSync(path.join(tmpdir(), 'attack-notes-fix-'));
    vault = path.join(work, 'vault');
    cpSync(path.join(repoRoot, 'examples', 'vault'), vault, { recursive: true });
    original = readFileSync(path.join(vault, POWERSHELL), 'utf8');
  });

  afterEach(function () {
    rmSync(work, { recursive: true, force: true });
  });

  for (const [label, lineBreak, bom] of [
    ['LF', '\n', ''],
    ['CRLF with a BOM', '\r\n', '\uFEFF'],
  ] as const) {
    it(`fixes what needs no choice, keeps the rest of the note, and a second run changes nothing (${label})`, async function () {
      const before = bom + original.replace(/\n/g, lineBreak);
      writeFileSync(path.join(vault, POWERSHELL), before);
      const untouched = snapshot(vault);
      untouched.delete(POWERSHELL);

      const first = await run(work, 'vault', '--fix');
      assert.equal(first.stderr, '');
      assert.equal(
        first.stdout,
        'Fixed 2 problems in 1 file:\n' +
          '  vault/techniques/PowerShell.md: 1 mitigation-name-mismatch, 1 table-unescaped-pipe\n' +
          LEFT,
      );
      assert.equal(first.code, 1, 'warnings are left');
      const expected = replaceOnce(
        replaceOnce(before, WRONG_NAME, RIGHT_NAME),
        BARE_PIPE,
        ESCAPED_PIPE,
      );
      assert.equal(readFileSync(path.join(vault, POWERSHELL), 'utf8'), expected);
      const after = snapshot(vault);
      after.delete(POWERSHELL);
      assert.deepEqual(after, untouched, 'no other file changed, and no temporary file is left');

      const second = await run(work, 'vault', '--fix');
      assert.deepEqual(second, { code: 1, stdout: `Nothing to fix.\n${LEFT}`, stderr: '' });
      assert.equal(readFileSync(path.join(vault, POWERSHELL), 'utf8'), expected);
    });
  }

  it('--fix-dry-run prints a unified diff and writes nothing', async function () {
    const untouched = snapshot(vault);
    const result = await run(work, 'vault', '--fix-dry-run');
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      '--- a/vault/techniques/PowerShell.md\n' +
        '+++ b/vault/techniques/PowerShell.md\n' +
        '@@ -20,9 +20,9 @@\n' +
        ' | ID | Name | Description |\n' +
        ' | --- | --- | --- |\n' +
        ' | [[Privileged Account Management\\|M1026]] | Privileged Account Management | Let only administrators change the PowerShell execution policy. |\n' +
        '-| [[Execution Prevention\\|M1038]] | Execution Protection | Use Constrained Language mode or application control to limit what scripts can do. |\n' +
        '+| [[Execution Prevention\\|M1038]] | Execution Prevention | Use Constrained Language mode or application control to limit what scripts can do. |\n' +
        ' | [[Disable or Remove Feature or Program\\|M1042]] | Disable or Remove Feature or Program | Remove PowerShell from systems that do not need it. |\n' +
        '-| [[Code Signing|M1045]] | Code Signing | Require signed scripts through the execution policy. |\n' +
        '+| [[Code Signing\\|M1045]] | Code Signing | Require signed scripts through the execution policy. |\n' +
        ' | [[Antivirus／Antimalware\\|M1049]] | Antivirus/Antimalware | Enable script scanning so that antivirus sees script content. |\n' +
        ' \n' +
        ' \n' +
        'Would fix 2 problems in 1 file:\n' +
        '  vault/techniques/PowerShell.md: 1 mitigation-name-mismatch, 1 table-unescaped-pipe\n' +
        LEFT,
    );
    assert.deepEqual(snapshot(vault), untouched);
  });

  it('fixes only the notes it is given, resolving links against the whole vault', async function () {
    const python = path.join(vault, 'techniques', 'Python.md');
    const brokenPython = replaceOnce(
      readFileSync(python, 'utf8'),
      '| Limit Software Installation |',
      '| Limit Software Installs |',
    );
    writeFileSync(python, brokenPython);
    // The marker makes the folder the vault root, whatever path inside it is checked.
    writeFileSync(path.join(vault, '.attack-notes.json'), '{}\n');
    const result = await run(work, path.join('vault', 'techniques', 'Python.md'), '--fix');
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      'Fixed 1 problem in 1 file:\n  vault/techniques/Python.md: 1 mitigation-name-mismatch\nNo problems found in 1 note.\n',
    );
    assert.equal(readFileSync(path.join(vault, POWERSHELL), 'utf8'), original);
  });

  it('keeps JSON output on stdout alone; the summary goes to stderr', async function () {
    const result = await run(work, 'vault', '--fix', '--format', 'json');
    assert.equal(
      result.stderr,
      'Fixed 2 problems in 1 file:\n  vault/techniques/PowerShell.md: 1 mitigation-name-mismatch, 1 table-unescaped-pipe\n',
    );
    const left = JSON.parse(result.stdout) as { code: string }[];
    assert.deepEqual(
      left.map((finding) => finding.code),
      ['id-unknown', 'link-broken', 'tactic-id-mismatch'],
    );
  });

  it('leaves a note that is not UTF-8 as it is', async function () {
    const latin1 = Buffer.from(
      original.replace('Let only administrators', 'Let only the caf\u00e9 administrators'),
      'latin1',
    );
    writeFileSync(path.join(vault, POWERSHELL), latin1);
    const result = await run(work, 'vault', '--fix');
    assert.equal(
      result.stderr,
      'attack-notes check: vault/techniques/PowerShell.md is not UTF-8; left as it is\n',
    );
    assert.match(result.stdout, /^Nothing to fix\.\n/);
    assert.deepEqual(readFileSync(path.join(vault, POWERSHELL)), latin1);
  });

  it('refuses --fix with --fix-dry-run, and --fix-dry-run with another format', async function () {
    const both = await run(work, 'vault', '--fix', '--fix-dry-run');
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--fix and --fix-dry-run exclude each other/);
    const json = await run(work, 'vault', '--fix-dry-run', '--format=json');
    assert.equal(json.code, 2);
    assert.match(json.stderr, /--fix-dry-run prints a diff and takes no --format/);
  });
});
