import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import { runCli } from '../../../server/src/cli/cli';
import { GROUP, PYTHON, seedVault } from '../diagnostics/fixtures';
import { edit } from '../diagnostics/support';
import { catalogKnowledgeBase } from '../kb/attackData';
import { runCheckInProcess } from './runCheckInProcess';

/** Runs `attack-notes check` in-process with `cwd` as the current folder. */
const run = (cwd: string, ...args: string[]) => runCheckInProcess(cwd, args, catalogKnowledgeBase);

function writeVault(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, ...file.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

/** Checks a SARIF log against the published 2.1.0 schema. */
function assertValidSarif(log: unknown): void {
  const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // The schema's formats (uri, date-time) need ajv-formats; structure is what we check here.
  // One `pattern` of the published schema has a stray `]`, invalid under the `u` flag.
  const validate = new Ajv({
    strict: false,
    validateFormats: false,
    unicodeRegExp: false,
  }).compile(schema);
  const valid: boolean = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
}

const BROKEN_LINK = edit(PYTHON, '[[Execution]]', '[[Executon]]');
const BARE_PIPE = edit(PYTHON, '[[Audit\\|M1047]]', '[[Audit|M1047]]');

describe('attack-notes check', function () {
  let work: string;

  beforeEach(function () {
    work = mkdtempSync(path.join(tmpdir(), 'attack-notes-check-'));
  });

  afterEach(function () {
    rmSync(work, { recursive: true, force: true });
  });

  it('exits 0 and says so on a clean vault', async function () {
    writeVault(path.join(work, 'clean'), seedVault());
    const result = await run(work, 'clean');
    assert.deepEqual(result, { code: 0, stdout: 'No problems found in 9 notes.\n', stderr: '' });
  });

  it('prints file:line:col severity code message and a summary, and exits 1 on a warning', async function () {
    writeVault(path.join(work, 'vault'), seedVault({ 'techniques/Python.md': BROKEN_LINK }));
    const result = await run(work, 'vault');
    assert.equal(result.code, 1);
    assert.equal(
      result.stdout,
      'vault/techniques/Python.md:10:5 warning link-broken No note matches [[Executon]]; expected [[Execution]]\n' +
        '1 problem (0 errors, 1 warning, 0 info, 0 hints) in 1 file of 9 notes.\n',
    );
  });

  it('--max-warnings tolerates warnings but never errors', async function () {
    writeVault(path.join(work, 'vault'), seedVault({ 'techniques/Python.md': BROKEN_LINK }));
    assert.equal((await run(work, 'vault', '--max-warnings', '1')).code, 0);
    assert.equal((await run(work, 'vault', '--max-warnings=0')).code, 1);
    writeVault(path.join(work, 'vault'), { 'techniques/Python.md': BARE_PIPE });
    assert.equal((await run(work, 'vault', '--max-warnings', '100')).code, 1);
  });

  it('a vault from a newer ATT&CK: one line after the summary, stderr for JSON, a SARIF notification', async function () {
    const newer = '---\nalias: T1682\n---\n\n## T1682\n';
    writeVault(
      path.join(work, 'vault'),
      seedVault({ 'techniques/Query Public AI Services.md': newer }),
    );
    const line =
      '1 note defines IDs that ATT&CK 18.1 lacks (T1682); this vault looks newer than 18.1. ' +
      'Load the matching STIX bundle with `attackNotes.stixBundles` / `--stix-bundle`.';
    // A bare note: its missing sections are not what this test is about.
    const quiet = ['--rule', 'section-missing=off'];
    const text = await run(work, 'vault', ...quiet);
    assert.deepEqual(text, {
      code: 0,
      stdout: `No problems found in 10 notes.\n${line}\n`,
      stderr: '',
    });
    const json = await run(work, 'vault', '--format', 'json', ...quiet);
    assert.deepEqual(json, { code: 0, stdout: '[]\n', stderr: `attack-notes check: ${line}\n` });
    const sarif = JSON.parse((await run(work, 'vault', '--format', 'sarif', ...quiet)).stdout);
    assert.deepEqual(sarif.runs[0].invocations, [
      {
        executionSuccessful: true,
        toolConfigurationNotifications: [
          {
            descriptor: { id: 'vault-newer-than-attack' },
            level: 'warning',
            message: { text: line },
          },
        ],
      },
    ]);
    assertValidSarif(sarif);
  });

  it('info and hint findings are printed but do not fail the check', async function () {
    writeVault(
      path.join(work, 'vault'),
      seedVault({ 'techniques/Python.md': edit(PYTHON, '- ESXi\n', '') }),
    );
    const result = await run(work, 'vault');
    assert.equal(result.code, 0);
    assert.match(result.stdout, / hint attack-drift /);
  });

  it('--format json: an array with 0-based LSP positions and paths relative to the current folder', async function () {
    writeVault(path.join(work, 'vault'), seedVault({ 'techniques/Python.md': BROKEN_LINK }));
    const result = await run(path.join(work, 'vault'), '.', '--format', 'json');
    assert.equal(result.code, 1);
    assert.deepEqual(JSON.parse(result.stdout), [
      {
        file: 'techniques/Python.md',
        range: { start: { line: 9, character: 4 }, end: { line: 9, character: 12 } },
        severity: 'warning',
        code: 'link-broken',
        message: 'No note matches [[Executon]]; expected [[Execution]]',
      },
    ]);
  });

  it('--format sarif: valid SARIF 2.1.0 with rules, levels, regions and related locations', async function () {
    const duplicate = '| [[Audit\\|M1047]] | Audit | Inventory systems. |';
    const python = edit(
      BARE_PIPE,
      '| [[Execution Prevention',
      `${duplicate}\n| [[Execution Prevention`,
    );
    writeVault(
      path.join(work, 'vault'),
      seedVault({ 'techniques/Python.md': python, 'groups/APT28.md': GROUP }),
    );
    const result = await run(work, 'vault', '--format=sarif');
    assert.equal(result.code, 1);
    const log = JSON.parse(result.stdout);

    assertValidSarif(log);

    assert.equal(log.version, '2.1.0');
    const run0 = log.runs[0];
    assert.equal(run0.tool.driver.name, 'attack-notes');
    assert.equal(run0.tool.driver.rules.length, 25);
    const results = run0.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]);
    assert.deepEqual(results, [
      ['table-unescaped-pipe', 'error'],
      ['mitigation-duplicate', 'warning'],
    ]);
    const first = run0.results[1];
    assert.equal(run0.tool.driver.rules[first.ruleIndex].id, 'mitigation-duplicate');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'vault/techniques/Python.md' },
      region: { startLine: 27, startColumn: 11, endLine: 27, endColumn: 16 },
    });
    assert.equal(
      first.relatedLocations[0].physicalLocation.artifactLocation.uri,
      'vault/techniques/Python.md',
    );
  });

  it('reads .attack-notes.json at the vault root; --rule overrides it', async function () {
    writeVault(path.join(work, 'vault'), seedVault({ 'techniques/Python.md': BROKEN_LINK }));
    writeFileSync(
      path.join(work, 'vault', '.attack-notes.json'),
      JSON.stringify({ rules: { 'link-broken': 'off' } }),
    );
    assert.equal((await run(work, 'vault')).code, 0);
    const overridden = await run(work, 'vault', '--rule', 'link-broken=error');
    assert.equal(overridden.code, 1);
    assert.match(overridden.stdout, / error link-broken /);
  });

  it('checks a single note, resolving its links from the marked vault root', async function () {
    writeVault(path.join(work, 'vault'), seedVault({ 'techniques/Python.md': BROKEN_LINK }));
    writeFileSync(path.join(work, 'vault', '.attack-notes.json'), '{}');
    const group = await run(work, 'vault/groups/APT28.md');
    assert.deepEqual(group, { code: 0, stdout: 'No problems found in 1 note.\n', stderr: '' });
    assert.equal((await run(work, path.join(work, 'vault', 'techniques', 'Python.md'))).code, 1);
  });

  it('exits 2 with a clear message on bad usage or an unreadable path', async function () {
    writeVault(path.join(work, 'vault'), seedVault());
    const cases: [string[], RegExp][] = [
      [[], /name at least one vault folder or note to check/],
      [['vault', '--format', 'xml'], /--format takes text, json or sarif, not 'xml'/],
      [['vault', '--max-warnings', 'many'], /--max-warnings takes a whole number/],
      [['vault', '--rule', 'no-such-rule=error'], /unknown rule 'no-such-rule'/],
      [['vault', '--rule', 'link-broken=loud'], /unknown severity 'loud'/],
      [['vault', '--colour'], /unknown option '--colour'/],
      [['missing'], /cannot read 'missing': no such file or folder/],
    ];
    for (const [args, message] of cases) {
      const result = await run(work, ...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    }
    writeFileSync(path.join(work, 'vault', '.attack-notes.json'), '{ rules: ');
    const badConfig = await run(work, 'vault');
    assert.equal(badConfig.code, 2);
    assert.match(badConfig.stderr, /cannot read vault\/\.attack-notes\.json/);
  });

  it('is a subcommand of attack-notes, with its own --help', async function () {
    const printed: string[] = [];
    const original = console.log;
    console.log = (text: string) => printed.push(text);
    try {
      assert.equal(await runCli(['check', '--help']), 0);
      assert.equal(await runCli(['--help']), 0);
    } finally {
      console.log = original;
    }
    assert.match(
      printed[0],
      /^usage: attack-notes check <path>\.\.\. \[--format text\|json\|sarif\]/,
    );
    assert.match(printed[0], /Exit codes: 0 no errors/);
    assert.match(printed[1], /attack-notes check <path>/);
  });
});
