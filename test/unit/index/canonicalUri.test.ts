import { strict as assert } from 'node:assert';
import path from 'node:path';
import { URI } from 'vscode-uri';
import {
  canonicalUri,
  linkKey,
  uriOfFileInFolder,
} from '../../../server/src/core/index/vaultPaths';
import { hasShared, repoRoot, sharedPath } from '../../support/sharedData';
import { markdownFilesUnder } from '../model/modelTestSupport';

/** The sample vault, and the large vaults too when ../shared has them. */
function vaultRoots(): string[] {
  const large = (['enterprise', 'kb-dialect'] as const).filter((vault) => hasShared(vault));
  return [path.join(repoRoot, 'examples', 'vault'), ...large.map((vault) => sharedPath(vault))];
}

/** What canonicalUri must always give: vscode-uri's own spelling. */
const slow = (uri: string) => URI.parse(uri).toString();

describe('canonical URIs', () => {
  it('spell every URI as vscode-uri does, with or without the fast path', () => {
    const uris = [
      'file:///vault/techniques/Python.md',
      'file:///vault/ATT%26CK/Antivirus%EF%BC%8FAntimalware.md',
      'file:///vault/ATT&CK/a b.md',
      'file:///vault/a%20b.md',
      'file:///vault/a%2fb.md',
      'file:///vault/a%2Fb.md',
      'file:///vault/a%41b.md',
      'file:///vault/a%7eb.md',
      'file:///vault/a%7Eb.md',
      'file:///vault/a%25b.md',
      'file:///vault/a%2.md',
      'file:///vault/a%.md',
      'file:///vault/a%zz.md',
      'file:///vault/a%FF.md',
      'file:///vault/x?y=1',
      'file:///vault/x#frag',
      'file:///C:/Notes/x.md',
      'file:///c%3A/Notes/x.md',
      'file://server/share/x.md',
      'untitled:Untitled-1',
      'file:///vault/%C3%A9t%C3%A9.md',
      'file:///vault/été.md',
      'file:///vault/(draft)%20[1]%20%7Bx%7D%20!.md',
    ];
    for (let code = 0x20; code < 0x7f; code++) {
      const hex = code.toString(16).padStart(2, '0');
      uris.push(`file:///v/a%${hex.toUpperCase()}b.md`, `file:///v/a%${hex}b.md`);
      uris.push(`file:///v/a${String.fromCharCode(code)}b.md`);
    }
    for (const root of vaultRoots()) {
      for (const file of markdownFilesUnder(root)) uris.push(URI.file(file).toString());
    }
    for (const uri of uris) assert.equal(canonicalUri(uri), slow(uri), uri);
  });

  it('name the files of a vault exactly as vscode-uri names their paths', () => {
    const names = [
      'a b.md',
      'ATT&CK.md',
      "(x)'!*.md",
      'été.md',
      'Antivirus／Antimalware.md',
      '100%.md',
    ];
    const cases: [string, string][] = names.map((name) => ['/v/Vault Root', `sub dir/${name}`]);
    for (const root of vaultRoots()) {
      for (const file of markdownFilesUnder(root))
        cases.push([root, path.relative(root, file).split(path.sep).join('/')]);
    }
    for (const [root, vaultPath] of cases) {
      const fsPath = path.join(root, ...vaultPath.split('/'));
      const folderUri = URI.file(root).toString();
      assert.equal(
        uriOfFileInFolder(folderUri, vaultPath, fsPath),
        URI.file(fsPath).toString(),
        vaultPath,
      );
    }
  });

  it('fold link keys to NFC and lower case, ASCII or not', () => {
    assert.equal(linkKey('Techniques/Python'), 'techniques/python');
    assert.equal(linkKey('E\u0301t\u00e9'), '\u00e9t\u00e9');
    assert.equal(linkKey('Antivirus／Antimalware'), 'antivirus／antimalware');
  });
});
