import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CompletionRequest,
  CompletionResolveRequest,
  InsertTextFormat,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';

/** The sample vault: the enterprise vault's layout and links, with its own prose. */
const sampleVault = path.join(repoRoot, 'examples', 'vault');

/** What VS Code declares, as far as these tests care: snippets in completion items. */
const SNIPPET_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
  textDocument: { completion: { completionItem: { snippetSupport: true } } },
};

function edit(item: CompletionItem): TextEdit {
  assert.ok(item.textEdit && 'range' in item.textEdit, `${item.label} has a text edit`);
  return item.textEdit;
}

function bySortText(list: CompletionList): CompletionItem[] {
  return [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

describe('protocol: completion', function () {
  this.timeout(60000);
  let client: LspTestClient;
  const uri = fileUri(path.join(sampleVault, 'techniques', 'Python.md'));

  before(async () => {
    client = await LspTestClient.start({
      workspaceFolders: [sampleVault],
      capabilities: SNIPPET_CLIENT,
    });
    await client.waitForIndex(60000);
  });

  after(async () => {
    if (client) await client.stop();
  });

  it('announces completion with trigger characters and resolve', () => {
    const provider = client.initializeResult.capabilities.completionProvider;
    assert.ok(provider);
    assert.deepEqual(provider.triggerCharacters, ['[', '#', '|', '(']);
    assert.equal(provider.resolveProvider, true);
  });

  it('writes a whole Mitigations row for T1059.006, the mapped mitigations first', async () => {
    const original = readFileSync(path.join(sampleVault, 'techniques', 'Python.md'), 'utf8');
    const lines = original.split('\n');
    const delimiter = lines.findIndex((line) => line.startsWith('| ---'));
    const rowLine = delimiter + 1;
    lines.splice(rowLine, 4, '| M');
    await client.open(uri, lines.join('\n'));
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: rowLine, character: 3 },
    })) as CompletionList;
    const items = bySortText(list);
    assert.deepEqual(
      items.slice(0, 4).map((item) => item.label),
      [
        'M1033 Limit Software Installation',
        'M1038 Execution Prevention',
        'M1047 Audit',
        'M1049 Antivirus/Antimalware',
      ],
    );
    assert.equal(items[0].insertTextFormat, InsertTextFormat.Snippet);
    assert.deepEqual(edit(items[0]), {
      range: { start: { line: rowLine, character: 0 }, end: { line: rowLine, character: 3 } },
      newText: '| [[Limit Software Installation\\\\|M1033]] | Limit Software Installation | $0 |',
    });
    await client.close(uri);
  });

  it('`| [[` on a new row of the Mitigations table: rows not listed, other notes, listed rows last', async () => {
    const original = readFileSync(path.join(sampleVault, 'techniques', 'Python.md'), 'utf8');
    const lines = original.split('\n');
    const lastRow = lines.findIndex((line) => line.startsWith('| [[Antivirus'));
    lines.splice(lastRow + 1, 0, '| [[');
    await client.open(uri, lines.join('\n'));
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: lastRow + 1, character: 4 },
    })) as CompletionList;
    const items = bySortText(list);
    // The four mapped mitigations are listed: another mitigation first, as a whole row.
    assert.match(items[0].detail!, /mitigation/i);
    assert.doesNotMatch(items[0].detail!, /already in the table/);
    assert.deepEqual(edit(items[0]).range, {
      start: { line: lastRow + 1, character: 0 },
      end: { line: lastRow + 1, character: 4 },
    });
    assert.match(edit(items[0]).newText, /^\| \[\[.*\\\\\|M\d{4}\]\] \| .* \| \$0 \|$/);
    const readme = items.findIndex((item) => item.label === 'README');
    const firstListed = items.findIndex((item) => /already in the table/.test(item.detail ?? ''));
    assert.ok(readme > 0 && firstListed > readme, 'notes after the mitigations, listed rows last');
    assert.deepEqual(
      items.slice(firstListed).map((item) => item.label.split(' ')[0]),
      ['M1033', 'M1038', 'M1047', 'M1049'],
    );
    await client.close(uri);
  });

  it('offers notes after [[ and resolves their documentation', async () => {
    const text = 'See [[Limit Soft';
    const scratch = fileUri(path.join(sampleVault, 'Scratch (protocol test).md'));
    await client.open(scratch, text);
    const list = (await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri: scratch },
      position: { line: 0, character: text.length },
    })) as CompletionList;
    const [first] = bySortText(list);
    assert.equal(first.label, 'Limit Software Installation');
    assert.equal(edit(first).newText, 'Limit Software Installation]]');
    assert.equal(first.documentation, undefined, 'documentation waits for resolve');
    const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, first);
    const doc = resolved.documentation as { kind: string; value: string };
    assert.equal(doc.kind, 'markdown');
    assert.match(doc.value, /mitigation `M1033`/);
    assert.match(doc.value, /Let only approved people install approved software\./);
    await client.close(scratch);
  });

  it('writes plain rows for a client without snippets', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-completion-'));
    const plain = await LspTestClient.start({ workspaceFolders: [folder] });
    try {
      await plain.waitForIndex();
      const scratch = fileUri(path.join(folder, 'Python.md'));
      const text = [
        '---',
        'alias: T1059.006',
        '---',
        '### Mitigations',
        '| ID | Name | Description |',
        '| --- | --- | --- |',
        '| M',
      ].join('\n');
      await plain.open(scratch, text);
      const list = (await plain.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri: scratch },
        position: { line: 6, character: 3 },
      })) as CompletionList;
      const [first] = bySortText(list);
      assert.equal(first.insertTextFormat, undefined);
      assert.equal(
        edit(first).newText,
        '| [[Limit Software Installation\\|M1033]] | Limit Software Installation |   |',
      );
    } finally {
      await plain.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
