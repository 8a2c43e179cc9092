import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stixIdsPathFor } from '../../../server/src/core/kb/catalog';
import { generateCatalog } from '../../../server/src/core/kb/generate';
import { itWithShared } from '../../support/sharedData';
import { ATTACK_DIR, DOMAIN_FILES, REPO_ROOT } from './attackData';

describe('kb catalog file', () => {
  itWithShared(
    'is exactly what `npm run kb:build` makes from ../shared/attack',
    'stix',
    function () {
      this.timeout(60_000);
      const committed = resolve(REPO_ROOT, 'server', 'data', 'attack-catalog.json');
      const generated = generateCatalog(
        Object.values(DOMAIN_FILES).map((file) => resolve(ATTACK_DIR, file)),
      );
      assert.equal(generated.attackVersion, '18.1');
      // Compare without assert's diff of a 400 kB string; point at the first differing line.
      const expectedLines = readFileSync(committed, 'utf8').split('\n');
      const actualLines = generated.text.split('\n');
      const first = actualLines.findIndex((line, i) => line !== expectedLines[i]);
      assert.ok(
        first === -1 && actualLines.length === expectedLines.length,
        `catalog differs from a fresh build at line ${first + 1}: run npm run kb:build -- ` +
          `../shared/attack/*-attack.json\n  committed: ${expectedLines[first]}\n  fresh:     ${actualLines[first]}`,
      );
      assert.ok(
        readFileSync(stixIdsPathFor(committed), 'utf8') === generated.stixIdsText,
        'the STIX ID companion file differs from a fresh build',
      );
    },
  );

  it('holds no description prose', () => {
    const text = readFileSync(resolve(REPO_ROOT, 'server', 'data', 'attack-catalog.json'), 'utf8');
    assert.ok(!text.includes('"description"'));
    // Names are short; a description would be paragraphs. Mitigation lists are ID runs, not prose.
    const { objects } = JSON.parse(text) as { objects: unknown[] };
    const strings = JSON.stringify(objects).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    const longest = Math.max(...strings.map((s) => s.length));
    assert.ok(longest < 250, `longest string in the rows is ${longest} characters`);
  });
});
