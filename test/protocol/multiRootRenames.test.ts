import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  MessageType,
  RenameRequest,
  ShowMessageNotification,
  WillRenameFilesRequest,
  type RenameFile,
  type ShowMessageParams,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient } from './support/lspTestClient';

/**
 * Two workspace folders, each a vault of its own: a note moved from one into the other has the
 * links of its new folder rewritten as within one folder, and the links it leaves behind told
 * once; Rename Symbol stays inside the note's folder. Nothing is applied: the files stay as written.
 */
describe('protocol: renames in a workspace of two folders', function () {
  this.timeout(60000);
  let root: string;
  let client: LspTestClient;
  const uri = (folder: 'one' | 'two', vaultPath: string) =>
    fileUri(path.join(root, folder, ...vaultPath.split('/')));
  const write = (folder: 'one' | 'two', vaultPath: string, text: string) => {
    const file = path.join(root, folder, ...vaultPath.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-multi-root-'));
    write('one', 'techniques/Python.md', '## T1059.006\n');
    write('one', 'Hunt.md', 'See [[Python]] and [[techniques/Python|the note]].\n');
    write('two', 'old/Python.md', '# An older Python note\n');
    write('two', 'Hunt.md', 'See [[Python]] and [[techniques/Python]].\n');
    client = await LspTestClient.start({
      workspaceFolders: [path.join(root, 'one'), path.join(root, 'two')],
    });
    const { notes } = await client.waitForIndex();
    assert.equal(notes, 4);
  });

  after(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('willRenameFiles into the other folder: its links rewritten, the first folder’s told once', async () => {
    const warned = client.waitForNext<ShowMessageParams>(ShowMessageNotification.type.method);
    const edit = await client.connection.sendRequest(WillRenameFilesRequest.type, {
      files: [
        { oldUri: uri('one', 'techniques/Python.md'), newUri: uri('two', 'techniques/Python.md') },
      ],
    });
    // In two, [[Python]] would be ambiguous once the note arrives: it keeps its note by path.
    assert.deepEqual(edit, {
      changes: {
        [uri('two', 'Hunt.md')]: [
          {
            range: { start: { line: 0, character: 6 }, end: { line: 0, character: 12 } },
            newText: 'old/Python',
          },
        ],
      },
    });
    const message = await warned;
    assert.equal(message.type, MessageType.Warning);
    assert.match(
      message.message,
      /^ATT&CK Notes: 2 links in 1 note to techniques\/Python\.md cannot follow the move: .*each folder is a vault of its own/,
    );
  });

  it('Rename Symbol renames inside the note’s folder and edits only that folder’s links', async () => {
    const hunt = uri('one', 'Hunt.md');
    await client.open(hunt, 'See [[Python]] and [[techniques/Python|the note]].\n');
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: hunt },
      position: { line: 0, character: 8 },
      newName: 'Python 3',
    });
    const changes = edit!.documentChanges!;
    assert.deepEqual(changes.at(-1) as RenameFile, {
      kind: 'rename',
      oldUri: uri('one', 'techniques/Python.md'),
      newUri: uri('one', 'techniques/Python 3.md'),
    });
    assert.deepEqual(
      (changes.slice(0, -1) as TextDocumentEdit[]).map((change) => [
        change.textDocument.uri,
        change.edits.map((textEdit) => textEdit.newText),
      ]),
      [[hunt, ['Python 3', 'techniques/Python 3']]],
    );
    await client.close(hunt);
  });
});
