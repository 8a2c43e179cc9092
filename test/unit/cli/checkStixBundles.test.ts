import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CUSTOM_BUNDLE } from '../../support/customBundle';
import { runCheckInProcess } from './runCheckInProcess';

/** Runs `attack-notes check` in-process, loading the knowledge base as the real CLI does. */
const run = (cwd: string, ...args: string[]) => runCheckInProcess(cwd, args);

const HUNTING = `# Hunting ideas

| ID | Name | Idea |
| --- | --- | --- |
| T1059.999 | Network Device CLI | Collect command history from routers. |
`;

describe('attack-notes check --stix-bundle', function () {
  this.timeout(60_000);
  let work: string;

  beforeEach(() => {
    work = mkdtempSync(path.join(tmpdir(), 'attack-notes-bundles-'));
    mkdirSync(path.join(work, 'vault', 'notes'), { recursive: true });
    writeFileSync(path.join(work, 'vault', 'notes', 'Hunting ideas.md'), HUNTING);
    writeFileSync(path.join(work, 'custom.json'), CUSTOM_BUNDLE);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('knows the IDs of a given bundle', async () => {
    const without = await run(work, 'vault');
    assert.match(without.stdout, /id-unknown/);
    const withBundle = await run(work, 'vault', '--stix-bundle', 'custom.json');
    assert.doesNotMatch(withBundle.stdout, /id-unknown/);
    assert.equal(withBundle.stderr, '');
  });

  it('says clearly when a bundle cannot be loaded, and checks on with the rest', async () => {
    const result = await run(
      work,
      'vault',
      '--stix-bundle',
      'missing.json',
      '--stix-bundle=custom.json',
    );
    assert.match(result.stderr, /STIX bundle "missing\.json" could not be read .*does not exist/);
    assert.doesNotMatch(result.stdout, /id-unknown/);
  });
});
