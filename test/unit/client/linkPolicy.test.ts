// The link policy of our webviews and the gate every webview message passes: a clicked link opens
// a note inside the workspace or (after VS Code asks) an http(s) page, and nothing else; a message
// of an unknown type or with a bad argument is dropped and logged once.
import * as assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { MATRIX_MESSAGE_VALIDATORS } from '../../../client/src/coverage/messages';
import { PREVIEW_MESSAGE_VALIDATORS } from '../../../client/src/preview/messages';
import { decideLink, type LinkRequest } from '../../../client/src/webview/linkPolicy';
import { MessageGate } from '../../../client/src/webview/messageGate';

/** vscode-uri is the code of vscode.Uri, which the extension passes as the parser. */
const parse = (value: string) => URI.parse(value, true);
const folders = [URI.file('/home/me/vault'), URI.file('/work/second vault')];
const decide = (kind: LinkRequest['kind'], target: string) =>
  decideLink({ kind, target }, folders, parse);

describe('webview link policy', () => {
  it('opens a note inside a workspace folder, with only the parts it checked', () => {
    assert.deepEqual(decide('note', 'file:///home/me/vault/techniques/PowerShell.md?x=1#frag'), {
      open: 'note',
      note: { scheme: 'file', authority: '', path: '/home/me/vault/techniques/PowerShell.md' },
    });
    assert.deepEqual(decide('note', 'file:///work/second%20vault/Note.md'), {
      open: 'note',
      note: { scheme: 'file', authority: '', path: '/work/second vault/Note.md' },
    });
    // The index reads .markdown notes too, so their wikilinks open.
    assert.equal(decide('note', 'file:///home/me/vault/Old%20Note.markdown').open, 'note');
  });

  it('hands an http(s) URL to openExternal as it was written', () => {
    for (const url of [
      'https://attack.mitre.org/techniques/T1059/001/',
      'http://example.com/a?b=c',
    ])
      assert.deepEqual(decide('web', url), { open: 'web', url });
  });

  it('opens nothing for command:, vscode:, javascript:, data:, file: outside or not a note', () => {
    const refused: Array<[LinkRequest['kind'], string, RegExp]> = [
      ['note', 'command:workbench.action.terminal.new', /not a file URI \(command:\)/],
      ['note', 'command:vscode.open?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D', /command:/],
      ['note', 'vscode://vscode.git/clone?url=https://evil.example/r.git', /vscode:/],
      ['note', 'javascript:alert(1)', /javascript:/],
      ['note', 'data:text/markdown,hi', /data:/],
      ['note', 'https://evil.example/a.md', /https:/],
      ['note', 'file:///etc/passwd', /not a Markdown note/],
      ['note', 'file:///home/me/other/a.md', /outside the workspace/],
      ['note', 'file:///home/me/vault-evil/a.md', /outside the workspace/],
      ['note', 'file:///home/me/vault/%2e%2e/other/a.md', /segments/],
      ['note', 'file:///home/me/vault/notes/..%5C..%5Cother%5Ca.md', /segments/],
      ['note', 'file://evil-host/home/me/vault/a.md', /outside the workspace/],
      ['note', 'file:///home/me/vault/run.sh', /not a Markdown note/],
      ['note', '', /empty/],
      ['note', `file:///home/me/vault/${'a'.repeat(5000)}.md`, /too long/],
      ['note', '%%not a uri', /not a URI|not a file URI/],
      ['web', 'command:workbench.action.terminal.new', /not an http or https URL \(command:\)/],
      ['web', 'vscode://settings/security.workspace.trust.enabled', /\(vscode:\)/],
      ['web', 'javascript:alert(1)', /\(javascript:\)/],
      ['web', 'data:text/html,<script>alert(1)</script>', /\(data:\)/],
      ['web', 'file:///etc/passwd', /\(file:\)/],
      ['web', 'file:///home/me/vault/a.md', /\(file:\)/],
      ['web', 'https:evil.example', /not an http or https URL/],
      ['web', 'ftp://example.com/x', /\(ftp:\)/],
    ];
    for (const [kind, target, reason] of refused) {
      const decision = decide(kind, target);
      assert.equal(decision.open, 'nothing', `${kind} ${target}`);
      assert.match(decision.open === 'nothing' ? decision.reason : '', reason, target);
    }
  });
});

describe('webview message gate', () => {
  const gateWithLog = () => {
    const lines: string[] = [];
    const gate = new MessageGate(
      PREVIEW_MESSAGE_VALIDATORS,
      { appendLine: (l) => lines.push(l) },
      'Preview',
    );
    return { gate, lines };
  };

  it('admits the expected messages with their checked fields only', () => {
    const { gate, lines } = gateWithLog();
    assert.deepEqual(gate.admit({ type: 'openNote', uri: 'file:///a.md', line: 3.7, extra: 'x' }), {
      type: 'openNote',
      uri: 'file:///a.md',
      line: 3,
    });
    assert.deepEqual(gate.admit({ type: 'ready', payload: {} }), { type: 'ready' });
    assert.deepEqual(lines, []);
  });

  it('drops unknown types, inherited names and malformed arguments, logging each kind once', () => {
    const { gate, lines } = gateWithLog();
    const dropped: unknown[] = [
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'runCommand', command: 'workbench.action.files.delete' },
      { type: 'constructor' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 'openNote', uri: 42 },
      { type: 'openNote', uri: 42 },
      { type: 'openExternal', url: ['https://x.example'] },
      { type: 7 },
      null,
      'openNote',
      [{ type: 'ready' }],
    ];
    for (const value of dropped) assert.equal(gate.admit(value), undefined, JSON.stringify(value));
    assert.deepEqual(lines, [
      'Preview: dropped a message from the webview: unknown type "runCommand" (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: unknown type "constructor" (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: unknown type "toString" (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: unknown type "__proto__" (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: malformed "openNote" (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: malformed "openExternal" (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: no type (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: not an object (object) (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: not an object (string) (logged once; later ones are dropped silently).',
      'Preview: dropped a message from the webview: not an object (array) (logged once; later ones are dropped silently).',
    ]);
  });

  it('stops logging after twenty kinds, however many types a flood invents', () => {
    const { gate, lines } = gateWithLog();
    for (let i = 0; i < 500; i++) gate.admit({ type: `invented-${i}` });
    assert.equal(lines.length, 20);
  });

  it('keeps a long type name out of the log', () => {
    const { gate, lines } = gateWithLog();
    gate.admit({ type: 'x'.repeat(10_000) });
    assert.ok(lines[0]!.length < 200, lines[0]);
  });

  it('guards the coverage matrix the same way', () => {
    const lines: string[] = [];
    const gate = new MessageGate(
      MATRIX_MESSAGE_VALIDATORS,
      { appendLine: (l) => lines.push(l) },
      'Coverage matrix',
    );
    assert.deepEqual(gate.admit({ type: 'cellClicked', id: 'T1059.001' }), {
      type: 'cellClicked',
      id: 'T1059.001',
    });
    assert.equal(gate.admit({ type: 'cellClicked', id: '../../etc/passwd' }), undefined);
    assert.equal(gate.admit({ type: 'openNote', uri: 'file:///etc/passwd.md' }), undefined);
    assert.deepEqual(lines, [
      'Coverage matrix: dropped a message from the webview: malformed "cellClicked" (logged once; later ones are dropped silently).',
      'Coverage matrix: dropped a message from the webview: unknown type "openNote" (logged once; later ones are dropped silently).',
    ]);
  });
});
