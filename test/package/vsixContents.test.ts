// The .vsix that `npm run package` builds (the package layer of `npm test` builds it first): what
// it holds, what it leaves out, and how big it is.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/sharedData';
import { zipEntries, zipEntryContent } from '../support/zipEntries';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const VSIX = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);

/** Every file the package may hold; each must be there. */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/bin/attack-notes.js',
  'extension/changelog.md',
  'extension/dist/check-start.js',
  'extension/dist/check-worker.js',
  'extension/dist/cli.js',
  'extension/dist/client.js',
  'extension/dist/data/attack-catalog.json',
  'extension/dist/data/attack-catalog.stix-ids.txt',
  'extension/dist/preview-pipeline.js',
  'extension/dist/coverage/matrix.css',
  'extension/dist/coverage/matrix.js',
  'extension/dist/preview/preview.css',
  'extension/dist/preview/preview.js',
  'extension/dist/server-bundle.js',
  'extension/dist/server.js',
  'extension/docs/rules.md',
  'extension/images/icon.png',
  'extension/language-configuration.json',
  'extension/package.json',
  'extension/readme.md',
  'extension/syntaxes/attack-notes.injection.tmLanguage.json',
];

describe('package: the .vsix', function () {
  before(function () {
    assert.ok(existsSync(VSIX), `${path.basename(VSIX)} is missing: run \`npm run package\``);
  });

  it('is under 3 MB', () => {
    const bytes = statSync(VSIX).size;
    console.log(`      ${path.basename(VSIX)}: ${(bytes / 1024).toFixed(0)} KB`);
    assert.ok(bytes < 3 * 1024 * 1024, `${bytes} bytes`);
  });

  it('holds the bundles, the catalog, the manifest, README, CHANGELOG, LICENSE and icon, and nothing else', () => {
    const names = zipEntries(VSIX)
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(names, [...EXPECTED].sort());
    // Said outright, whatever the list above becomes.
    for (const name of names) {
      assert.doesNotMatch(name, /node_modules|\/(src|test|bench|scripts|examples)\//, name);
      assert.doesNotMatch(name, /\.(ts|map|vsix)$/, name);
    }
  });

  it('carries the marketplace README, not the developer one', () => {
    const readme = zipEntryContent(VSIX, 'extension/readme.md').toString('utf8');
    const marketplace = readFileSync(
      path.join(repoRoot, 'docs', 'marketplace', 'README.md'),
      'utf8',
    );
    assert.equal(readme, marketplace);
  });

  it('declares the icon, the repository and VS Code ^1.100.0, and starts from the bundled client', () => {
    const packaged = JSON.parse(zipEntryContent(VSIX, 'extension/package.json').toString('utf8'));
    assert.equal(packaged.icon, 'images/icon.png');
    assert.match(packaged.repository.url, /^https:\/\/github\.com\//);
    assert.equal(packaged.engines.vscode, '^1.100.0');
    assert.equal(packaged.main, './dist/client.js');
    // A 256×256 PNG: the signature, then the IHDR chunk's width and height.
    const icon = zipEntryContent(VSIX, 'extension/images/icon.png');
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [256, 256]);
  });

  it('ships minified bundles without source maps or test code', () => {
    const client = zipEntryContent(VSIX, 'extension/dist/client.js').toString('utf8');
    assert.doesNotMatch(client, /sourceMappingURL/);
    assert.doesNotMatch(client, /describe\(|mocha/);
  });
});
