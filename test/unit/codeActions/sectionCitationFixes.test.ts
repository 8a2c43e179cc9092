import { strict as assert } from 'node:assert';
import {
  GROUP,
  GROUP_PATH,
  KB_PYTHON,
  KB_PYTHON_PATH,
  PYTHON,
  PYTHON_PATH,
  kbVault,
  seedVault,
} from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { applyAndRecheck, check, fixesOf, onlyOf } from './support';

const LAYOUTS = [
  ['LF', '\n', ''],
  ['CRLF with a BOM', '\r\n', '\uFEFF'],
] as const;

/** Applies the only fix of the only `code` diagnostic of the note; returns the fixed text. */
function fixOnly(
  files: Record<string, string>,
  vaultPath: string,
  code: string,
  title: string,
): string {
  const checked = check(files, vaultPath);
  const diagnostic = onlyOf(checked, code);
  const fixes = fixesOf(checked, diagnostic);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.unambiguous]),
    [[title, false]],
  );
  return applyAndRecheck(files, vaultPath, checked, diagnostic, fixes[0]).text;
}

const PLATFORMS = '### Platforms\n- ESXi\n- Linux\n- macOS\n- Windows\n\n';
const TACTIC = '### Tactic\n- [[Execution]] (TA0002)\n\n';
const MITIGATIONS_START = PYTHON.indexOf('### Mitigations');
const MITIGATIONS = PYTHON.slice(MITIGATIONS_START, PYTHON.indexOf('---\n### References'));

describe('fixes: section-missing', function () {
  for (const [label, lineBreak, bom] of LAYOUTS) {
    it(`inserts Platforms from ATT&CK after Tactic, where the seed has it (${label})`, function () {
      const clean = bom + PYTHON.replace(/\n/g, lineBreak);
      const files = seedVault({
        [PYTHON_PATH]: edit(clean, PLATFORMS.replace(/\n/g, lineBreak), ''),
      });
      const text = fixOnly(files, PYTHON_PATH, 'section-missing', "Insert the 'Platforms' section");
      // The seed puts a blank line between sections: the inserted one takes the blank that was
      // Tactic's and brings its own.
      assert.equal(text, clean);
    });
  }

  it('inserts the first section above the next one when none comes before it', function () {
    const files = seedVault({ [PYTHON_PATH]: edit(PYTHON, TACTIC, '') });
    assert.equal(
      fixOnly(files, PYTHON_PATH, 'section-missing', "Insert the 'Tactic' section"),
      PYTHON,
    );
  });

  it('inserts Mitigations with the mapped rows and empty Description cells', function () {
    const files = seedVault({ [PYTHON_PATH]: edit(PYTHON, MITIGATIONS, '') });
    const text = fixOnly(files, PYTHON_PATH, 'section-missing', "Insert the 'Mitigations' section");
    const rows = [
      '| [[Limit Software Installation\\|M1033]] | Limit Software Installation |  |',
      '| [[Execution Prevention\\|M1038]] | Execution Prevention |  |',
      '| [[Audit\\|M1047]] | Audit |  |',
      '| [[Antivirus／Antimalware\\|M1049]] | Antivirus/Antimalware |  |',
    ];
    const section = `### Mitigations\n\n| ID | Name | Description |\n| --- | --- | --- |\n${rows.join('\n')}`;
    assert.equal(
      text,
      edit(PYTHON, MITIGATIONS, '').replace(
        '### Permissions Required\n',
        `### Permissions Required\n\n${section}\n`,
      ),
    );
  });

  it('inserts References, with its --- and the mitre-attack line, at the end', function () {
    const withoutReferences = PYTHON.slice(0, PYTHON.indexOf('---\n### References')).replace(
      '(Citation: Zscaler APT31)',
      '',
    );
    const files = seedVault({ [PYTHON_PATH]: withoutReferences });
    const text = fixOnly(files, PYTHON_PATH, 'section-missing', "Insert the 'References' section");
    assert.equal(
      text,
      withoutReferences.replace(
        'Quarantine files. |\n',
        'Quarantine files. |\n\n---\n### References\n\n- mitre-attack: https://attack.mitre.org/techniques/T1059/006\n',
      ),
    );
  });

  it('places a configured section by the configured order, heading only', function () {
    const files = seedVault({ [PYTHON_PATH]: PYTHON });
    const checked = check(files, PYTHON_PATH);
    // The support's config has the built-in lists: configure one here through the payload.
    const diagnostic = {
      ...onlyOfOrSynthetic(checked),
      data: {
        rule: 'section-missing',
        section: 'Detection',
        required: ['Tactic', 'Detection', 'References'],
      },
    };
    const [fix] = fixesOf(checked, diagnostic);
    assert.equal(fix.title, "Insert the 'Detection' section");
    // After Mitigations, the last section before it in that order which the note has.
    const end = { line: 26, character: PYTHON.split('\n')[26].length };
    assert.deepEqual(fix.edits, [{ range: { start: end, end }, newText: '\n\n### Detection' }]);
  });

  it('inserts a kb-dialect heading at level 2 before the next section', function () {
    const files = kbVault({
      [KB_PYTHON_PATH]: edit(
        KB_PYTHON,
        '## Description\n\nAdversaries may abuse Python commands and scripts for execution.[^1]\n\n',
        '',
      ),
    });
    const text = fixOnly(
      files,
      KB_PYTHON_PATH,
      'section-missing',
      "Insert the 'Description' section",
    );
    assert.equal(
      text,
      edit(
        KB_PYTHON,
        '## Description\n\nAdversaries may abuse Python commands and scripts for execution.[^1]\n\n',
        '## Description\n\n',
      ),
    );
  });
});

/** A section-missing diagnostic of a clean note does not exist: borrow the ID's range. */
function onlyOfOrSynthetic(checked: ReturnType<typeof check>) {
  assert.deepEqual(checked.diagnostics, []);
  return {
    range: { start: { line: 1, character: 7 }, end: { line: 1, character: 16 } },
    code: 'section-missing',
    message: 'This technique note has no Detection section',
  };
}

describe('fixes: citation-undefined', function () {
  for (const [label, lineBreak, bom] of LAYOUTS) {
    it(`adds '- Name' after the last reference line (${label})`, function () {
      const clean = bom + PYTHON.replace(/\n/g, lineBreak);
      const cited = edit(
        clean,
        'for execution.(Citation: Zscaler APT31)',
        'for execution.(Citation: Zscaler APT31)(Citation: Nobody 2020)',
      );
      const files = seedVault({ [PYTHON_PATH]: cited });
      const text = fixOnly(
        files,
        PYTHON_PATH,
        'citation-undefined',
        "Add the reference line '- Nobody 2020' under References",
      );
      assert.equal(text, `${cited}- Nobody 2020${lineBreak}`);
    });
  }

  it('copies the bullet of the other reference lines', function () {
    const starred = GROUP.replace(/^- /gm, '* ');
    const cited = edit(
      starred,
      'threat group.(Citation: FireEye APT28)',
      'threat group.(Citation: FireEye APT28)(Citation: Mandiant 2017)',
    );
    const text = fixOnly(
      seedVault({ [GROUP_PATH]: cited }),
      GROUP_PATH,
      'citation-undefined',
      "Add the reference line '- Mandiant 2017' under References",
    );
    assert.equal(
      text,
      edit(
        cited,
        '* FireEye APT28: https://www.example.com/fireeye-apt28\n',
        '* FireEye APT28: https://www.example.com/fireeye-apt28\n* Mandiant 2017\n',
      ),
    );
  });

  it('writes the line below the heading of a References section without lines', function () {
    const empty = edit(
      PYTHON,
      '- mitre-attack: https://attack.mitre.org/techniques/T1059/006\n- Zscaler APT31: https://www.example.com/zscaler-apt31\n',
      '',
    );
    const text = fixOnly(
      seedVault({ [PYTHON_PATH]: empty }),
      PYTHON_PATH,
      'citation-undefined',
      "Add the reference line '- Zscaler APT31' under References",
    );
    assert.equal(text, edit(empty, '### References\n', '### References\n\n- Zscaler APT31\n'));
  });

  it('creates References, with the mitre-attack line, when the note has none', function () {
    const withoutReferences = PYTHON.slice(0, PYTHON.indexOf('---\n### References'));
    const files = seedVault({ [PYTHON_PATH]: withoutReferences });
    const checked = check(files, PYTHON_PATH);
    const diagnostic = onlyOf(checked, 'citation-undefined');
    const [fix] = fixesOf(checked, diagnostic);
    const text = applyAndRecheck(files, PYTHON_PATH, checked, diagnostic, fix).text;
    assert.equal(
      text,
      withoutReferences.replace(
        'Quarantine files. |\n',
        'Quarantine files. |\n\n---\n### References\n\n- mitre-attack: https://attack.mitre.org/techniques/T1059/006\n- Zscaler APT31\n',
      ),
    );
  });
});
