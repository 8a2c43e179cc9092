// The preview's message checks: the webview shows HTML from notes, so every message it sends is
// untrusted and only the expected shapes, with checked arguments, may reach the editor.
import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { parsePreviewState, parseWebviewMessage } from '../../../client/src/preview/messages';
import { isHttpUrl, noteUriProblem, type UriParts } from '../../../client/src/webview/linkPolicy';

const file = (path: string, authority = ''): UriParts => ({ scheme: 'file', authority, path });
const folders = [file('/home/me/vault'), file('/work/second vault')];

describe('preview messages', () => {
  describe('parseWebviewMessage', () => {
    it('accepts each expected shape and copies only its known fields', () => {
      assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
      assert.deepEqual(parseWebviewMessage({ type: 'openNote', uri: 'file:///a.md', x: 'y' }), {
        type: 'openNote',
        uri: 'file:///a.md',
      });
      assert.deepEqual(parseWebviewMessage({ type: 'openNote', uri: 'file:///a.md', line: 7.8 }), {
        type: 'openNote',
        uri: 'file:///a.md',
        line: 7,
      });
      assert.deepEqual(
        parseWebviewMessage({ type: 'pickNote', uris: ['file:///a.md', 'file:///b.md'] }),
        {
          type: 'pickNote',
          uris: ['file:///a.md', 'file:///b.md'],
        },
      );
      assert.deepEqual(
        parseWebviewMessage({ type: 'openExternal', url: 'https://attack.mitre.org/' }),
        {
          type: 'openExternal',
          url: 'https://attack.mitre.org/',
        },
      );
      assert.deepEqual(parseWebviewMessage({ type: 'revealLine', line: 12.5 }), {
        type: 'revealLine',
        line: 12.5,
      });
    });

    it('refuses other types, missing or mistyped arguments and out-of-range lines', () => {
      const refused: unknown[] = [
        null,
        'ready',
        ['ready'],
        { type: 'runCommand', command: 'workbench.action.terminal.new' },
        { type: 'openNote' },
        { type: 'openNote', uri: 42 },
        { type: 'openNote', uri: '' },
        { type: 'openNote', uri: 'file:///a.md', line: -1 },
        { type: 'openNote', uri: 'file:///a.md', line: Number.NaN },
        { type: 'openNote', uri: 'file:///a.md', line: '3' },
        { type: 'openNote', uri: `file:///${'a'.repeat(5000)}.md` },
        { type: 'pickNote', uris: [] },
        { type: 'pickNote', uris: ['file:///a.md', 3] },
        { type: 'pickNote', uris: 'file:///a.md' },
        { type: 'pickNote', uris: Array.from({ length: 101 }, (_, i) => `file:///${i}.md`) },
        { type: 'openExternal' },
        { type: 'revealLine', line: Number.POSITIVE_INFINITY },
        { type: 'revealLine', line: 1e9 },
      ];
      for (const value of refused)
        assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
    });
  });

  describe('noteUriProblem', () => {
    it('allows a Markdown note inside a workspace folder', () => {
      assert.equal(
        noteUriProblem(file('/home/me/vault/techniques/PowerShell.md'), folders),
        undefined,
      );
      assert.equal(noteUriProblem(file('/work/second vault/Note.MD'), folders), undefined);
    });

    it('refuses command: and other schemes, files outside the folders, . and .. segments, non-notes', () => {
      const cases: Array<[UriParts, RegExp]> = [
        [
          { scheme: 'command', authority: '', path: 'workbench.action.terminal.new' },
          /not a file URI/,
        ],
        [{ scheme: 'https', authority: 'evil.example', path: '/a.md' }, /not a file URI/],
        [file('/etc/passwd.md'), /outside/],
        [file('/home/me/vault-other/a.md'), /outside/],
        [file('/home/me/vault/../secrets/a.md'), /segments/],
        [file('/home/me/vault/./a.md'), /segments/],
        [file('/home/me/vault/..\\..\\secrets\\a.md'), /segments/],
        [file('/home/me/vault/script.sh'), /not a Markdown note/],
        [file('/home/me/vault/a.md', 'remote-host'), /outside/],
      ];
      for (const [uri, reason] of cases)
        assert.match(noteUriProblem(uri, folders) ?? 'allowed', reason, JSON.stringify(uri));
    });
  });

  describe('isHttpUrl', () => {
    const http = (url: string) => isHttpUrl(url, URI.parse(url));
    it('accepts http and https URLs only', () => {
      assert.ok(http('https://attack.mitre.org/techniques/T1059/001'));
      assert.ok(http('http://example.com/report.pdf'));
      for (const url of [
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'command:workbench.action.terminal.new',
        'file:///etc/passwd',
        'vscode://settings',
        '/relative/path',
        'https://',
        `https://example.com/${'a'.repeat(5000)}`,
        // Read as https by the browser, without a host by VS Code: the two must agree.
        'https:evil.example/x',
      ])
        assert.equal(http(url), false, url);
    });
  });

  describe('parsePreviewState', () => {
    it('restores a note URI and line, and nothing from other values', () => {
      assert.deepEqual(parsePreviewState({ uri: 'file:///v/a.md', line: 4 }), {
        uri: 'file:///v/a.md',
        line: 4,
      });
      assert.deepEqual(parsePreviewState({ uri: 'file:///v/a.md', line: 'x' }), {
        uri: 'file:///v/a.md',
      });
      assert.equal(parsePreviewState(undefined), undefined);
      assert.equal(parsePreviewState({ line: 3 }), undefined);
    });
  });
});
