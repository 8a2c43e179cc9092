import { strict as assert } from 'node:assert';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catalogKnowledgeBase } from '../kb/attackData';
import { sharedRoot } from '../support/memoryVault';
import { runCheckInProcess } from './runCheckInProcess';

/**
 * `check --fix` over a copy of the shared enterprise vault (921 notes, clean against ATT&CK
 * v18.1) with one seeded mistake in each of seven notes, two of them CRLF or with a BOM. The fixed
 * notes must equal the expected texts whole (so they differ from the originals only inside the
 * fixed ranges), every other file must be byte for byte as it was, and a second run must change
 * nothing.
 */

const ENTERPRISE = path.join(sharedRoot, 'vaults', 'enterprise');

const run = (cwd: string, ...args: string[]) => runCheckInProcess(cwd, args, catalogKnowledgeBase);

function snapshot(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

function replaceOnce(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `'${from}' must occur exactly once`);
  return text.replace(from, to);
}

/** The line of `text` that starts with `prefix` (exactly one), with its line break. */
function lineStarting(text: string, prefix: string): string {
  const lines = text.split(/(?<=\n)/).filter((line) => line.startsWith(prefix));
  assert.equal(lines.length, 1, `one line must start with '${prefix}'`);
  return lines[0];
}

interface Seeded {
  /** The note as the test leaves it, with its mistake. */
  broken: string;
  /** The note as --fix must leave it. */
  expected: string;
}

/** The seeded mistakes, by vault path, made from the original notes. */
function seed(read: (vaultPath: string) => string): Map<string, Seeded> {
  const seeded = new Map<string, Seeded>();
  // A removed mitigation row comes back (its Description cell is the author's to fill).
  const powershell = read('techniques/PowerShell.md');
  const m1042 = lineStarting(powershell, '| [[Disable or Remove Feature or Program\\|M1042]]');
  seeded.set('techniques/PowerShell.md', {
    broken: replaceOnce(powershell, m1042, ''),
    expected: replaceOnce(
      powershell,
      m1042,
      '| [[Disable or Remove Feature or Program\\|M1042]] | Disable or Remove Feature or Program |  |\n',
    ),
  });
  // An unescaped pipe in a table link.
  const python = read('techniques/Python.md');
  seeded.set('techniques/Python.md', {
    broken: replaceOnce(python, '[[Audit\\|M1047]]', '[[Audit|M1047]]'),
    expected: python,
  });
  // A wrong Name cell.
  const task = read('techniques/Scheduled Task.md');
  const taskRow = lineStarting(task, '| [[Audit\\|M1047]] | Audit |');
  seeded.set('techniques/Scheduled Task.md', {
    broken: replaceOnce(task, taskRow, taskRow.replace('| Audit |', '| Auditing |')),
    expected: task,
  });
  // A duplicated row.
  const phishing = read('techniques/Phishing.md');
  const phishingRow = lineStarting(phishing, '| [[User Training\\|M1017]]');
  seeded.set('techniques/Phishing.md', {
    broken: replaceOnce(phishing, phishingRow, phishingRow + phishingRow),
    expected: phishing,
  });
  // A wrong mitre-attack URL.
  const bruteForce = read('techniques/Brute Force.md');
  seeded.set('techniques/Brute Force.md', {
    broken: replaceOnce(
      bruteForce,
      '- mitre-attack: https://attack.mitre.org/techniques/T1110\n',
      '- mitre-attack: https://attack.mitre.org/techniques/T1111\n',
    ),
    expected: bruteForce,
  });
  // A CRLF note with an unescaped pipe.
  const javascript = read('techniques/JavaScript.md').replace(/\n/g, '\r\n');
  seeded.set('techniques/JavaScript.md', {
    broken: replaceOnce(
      javascript,
      '[[Execution Prevention\\|M1038]]',
      '[[Execution Prevention|M1038]]',
    ),
    expected: javascript,
  });
  // A note with a BOM and a wrong Name cell.
  const visualBasic = `\uFEFF${read('techniques/Visual Basic.md')}`;
  const basicRow = lineStarting(visualBasic, '| [[Execution Prevention\\|M1038]]');
  seeded.set('techniques/Visual Basic.md', {
    broken: replaceOnce(
      visualBasic,
      basicRow,
      basicRow.replace('| Execution Prevention |', '| Execution Preventions |'),
    ),
    expected: visualBasic,
  });
  return seeded;
}

describe('attack-notes check --fix over the enterprise vault', function () {
  this.timeout(180000);
  let work: string;

  before(function () {
    if (!existsSync(ENTERPRISE)) {
      console.log(
        `      (skipped: ${ENTERPRISE} is absent; the sample-vault tests run everywhere)`,
      );
      this.skip();
    }
    work = mkdtempSync(path.join(tmpdir(), 'attack-notes-fix-enterprise-'));
    cpSync(ENTERPRISE, path.join(work, 'enterprise'), { recursive: true });
  });

  after(function () {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('fixes the seeded mistakes and nothing else, and a second run changes nothing', async function () {
    const vault = path.join(work, 'enterprise');
    const file = (vaultPath: string) => path.join(vault, ...vaultPath.split('/'));
    const seeded = seed((vaultPath) => readFileSync(file(vaultPath), 'utf8'));
    // Two clean notes in other layouts, which must come back byte for byte.
    writeFileSync(
      file('groups/APT1.md'),
      readFileSync(file('groups/APT1.md'), 'utf8').replace(/\n/g, '\r\n'),
    );
    writeFileSync(
      file('tactics/Execution.md'),
      `\uFEFF${readFileSync(file('tactics/Execution.md'), 'utf8')}`,
    );
    for (const [vaultPath, { broken }] of seeded) writeFileSync(file(vaultPath), broken);
    const before = snapshot(vault);

    const first = await run(work, 'enterprise', '--fix');
    assert.equal(first.stderr, '');
    assert.equal(
      first.stdout,
      'Fixed 7 problems in 7 files:\n' +
        '  enterprise/techniques/Brute Force.md: 1 reference-attack-url\n' +
        '  enterprise/techniques/JavaScript.md: 1 table-unescaped-pipe\n' +
        '  enterprise/techniques/Phishing.md: 1 mitigation-duplicate\n' +
        '  enterprise/techniques/PowerShell.md: 1 mitigation-missing\n' +
        '  enterprise/techniques/Python.md: 1 table-unescaped-pipe\n' +
        '  enterprise/techniques/Scheduled Task.md: 1 mitigation-name-mismatch\n' +
        '  enterprise/techniques/Visual Basic.md: 1 mitigation-name-mismatch\n' +
        'No problems found in 921 notes.\n',
    );
    assert.equal(first.code, 0);
    const after = snapshot(vault);
    assert.deepEqual(
      [...after.keys()].sort(),
      [...before.keys()].sort(),
      'no file added or left behind',
    );
    for (const [vaultPath, bytes] of after) {
      const fixed = seeded.get(vaultPath);
      if (fixed) {
        // Line by line, so that a failure shows the line that differs.
        assert.deepEqual(bytes.toString('utf8').split('\n'), fixed.expected.split('\n'), vaultPath);
        assert.equal(bytes.toString('utf8'), fixed.expected, vaultPath);
      } else {
        assert.ok(bytes.equals(before.get(vaultPath)!), `${vaultPath} changed`);
      }
    }

    const second = await run(work, 'enterprise', '--fix');
    assert.deepEqual(second, {
      code: 0,
      stdout: 'Nothing to fix.\nNo problems found in 921 notes.\n',
      stderr: '',
    });
    const again = snapshot(vault);
    for (const [vaultPath, bytes] of again)
      assert.ok(bytes.equals(after.get(vaultPath)!), vaultPath);
  });
});
