import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CodeLensRequest,
  DefinitionRequest,
  DocumentHighlightRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  ResponseError,
  WillRenameFilesRequest,
  WorkspaceSymbolRequest,
  type Location,
  type RenameFile,
  type SymbolInformation,
  type TextDocumentEdit,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { describeWithShared, sharedPath } from '../support/sharedData';
import { fileUri, LspTestClient } from './support/lspTestClient';

// The enterprise vault is opened as the workspace folder as it is: every request here only reads,
// and no returned edit is applied, so the shared vault stays untouched.
const vault = sharedPath('enterprise');
const uriOf = (vaultPath: string) => fileUri(path.join(vault, ...vaultPath.split('/')));
const PYTHON = uriOf('techniques/Python.md');
const AUDIT = uriOf('mitigations/Audit.md');

describeWithShared('protocol: navigation on the enterprise vault', 'enterprise', function () {
  this.timeout(60000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ workspaceFolders: [vault] });
    const { notes } = await client.waitForIndex(60000);
    assert.equal(notes, 921);
  });

  after(async () => {
    await client?.stop();
  });

  it('announces definition, references, highlights, code lens, rename, symbols and willRename', () => {
    const capabilities = client.initializeResult.capabilities;
    assert.ok(capabilities.definitionProvider);
    assert.ok(capabilities.referencesProvider);
    assert.ok(capabilities.documentHighlightProvider);
    assert.ok(capabilities.codeLensProvider);
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.ok(capabilities.workspaceSymbolProvider);
    const filters = capabilities.workspace?.fileOperations?.willRename?.filters ?? [];
    assert.ok(filters.some((filter) => filter.pattern.glob === '**/*.{md,markdown}'));
  });

  it('definition: a mitigation link in a table leads to the mitigation note (Location without linkSupport)', async () => {
    // Line 29 of Python.md: `| [[Limit Software Installation\|M1033]] | ...`.
    const result = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: PYTHON },
      position: positionIn(PYTHON, '[[Limit Software Installation', 4),
    })) as Location[];
    assert.deepEqual(
      result.map((location) => location.uri),
      [uriOf('mitigations/Limit Software Installation.md')],
    );
  });

  it('references: every link to Audit from its ID heading, declaration on request', async () => {
    const position = positionIn(AUDIT, '## M1047', 4);
    const without = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: AUDIT },
      position,
      context: { includeDeclaration: false },
    });
    assert.equal(without!.length, 109);
    const withDeclaration = await client.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: AUDIT },
      position,
      context: { includeDeclaration: true },
    });
    assert.equal(withDeclaration!.length, 110);
    assert.ok(withDeclaration!.some((location) => location.uri === AUDIT));
  });

  it('code lens: "N references" on the ID heading with the show-references command', async () => {
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, {
      textDocument: { uri: AUDIT },
    });
    assert.equal(lenses!.length, 1);
    const [lens] = lenses!;
    assert.equal(lens.range.start.line, positionIn(AUDIT, '## M1047').line);
    assert.equal(lens.command!.title, '109 references');
    assert.equal(lens.command!.command, 'attackNotes.showReferences');
    assert.equal((lens.command!.arguments![2] as Location[]).length, 109);
  });

  it('document highlights: the ID heading and the front matter alias of the note', async () => {
    const highlights = await client.connection.sendRequest(DocumentHighlightRequest.type, {
      textDocument: { uri: AUDIT },
      position: positionIn(AUDIT, '## M1047', 4),
    });
    assert.deepEqual(
      highlights!.map((highlight) => highlight.range.start.line),
      [1, 4],
    );
  });

  it('willRenameFiles: renaming Audit.md rewrites every [[Audit\\|M1047]] link', async () => {
    const edit = await client.connection.sendRequest(WillRenameFilesRequest.type, {
      files: [{ oldUri: AUDIT, newUri: uriOf('mitigations/Security Audit.md') }],
    });
    const edits = Object.values(edit!.changes!).flat();
    assert.equal(edits.length, 109);
    assert.ok(edits.every((textEdit) => textEdit.newText === 'Security Audit'));
  });

  it('prepareRename refuses off a link with a reason; rename moves the file and rewrites links', async () => {
    await assert.rejects(
      client.connection.sendRequest(PrepareRenameRequest.type, {
        textDocument: { uri: PYTHON },
        position: positionIn(PYTHON, 'Adversaries may abuse'),
      }),
      (error: unknown) => {
        assert.ok(error instanceof ResponseError);
        assert.match(error.message, /place the cursor on a \[\[wikilink\]\]/);
        return true;
      },
    );
    const position = positionIn(PYTHON, '[[Audit\\|', 3);
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, {
      textDocument: { uri: PYTHON },
      position,
    });
    assert.ok(prepared && 'placeholder' in prepared);
    assert.equal(prepared.placeholder, 'Audit');
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: PYTHON },
      position,
      newName: 'Security Audit',
    });
    const changes = edit!.documentChanges!;
    assert.deepEqual(changes.at(-1) as RenameFile, {
      kind: 'rename',
      oldUri: AUDIT,
      newUri: uriOf('mitigations/Security Audit.md'),
    });
    const textEdits = (changes.slice(0, -1) as TextDocumentEdit[]).flatMap(
      (change) => change.edits,
    );
    assert.equal(textEdits.length, 109);
    // The client's willRename echo of the server's own rename adds nothing.
    const echo = await client.connection.sendRequest(WillRenameFilesRequest.type, {
      files: [{ oldUri: AUDIT, newUri: uriOf('mitigations/Security Audit.md') }],
    });
    assert.equal(echo, null);
  });

  it('workspace symbols: T1059 finds the technique and its sub-techniques', async () => {
    const symbols = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, {
      query: 'T1059',
    })) as SymbolInformation[];
    assert.ok(symbols.length >= 10);
    assert.ok(symbols.every((symbol) => symbol.name.startsWith('T1059')));
    assert.equal(symbols[0].name.split(' ')[0], 'T1059');
    assert.equal(symbols[0].containerName, 'techniques');
  });

  it('answers definition and references on the enterprise vault quickly', async () => {
    const position = positionIn(AUDIT, '## M1047', 4);
    const started = performance.now();
    for (let i = 0; i < 5; i++) {
      await client.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: AUDIT },
        position,
        context: { includeDeclaration: true },
      });
    }
    const perReferences = (performance.now() - started) / 5;
    // Generous bound for a shared CI machine; the benchmarks measure the real numbers.
    assert.ok(perReferences < 1000, `references took ${perReferences.toFixed(0)} ms`);
  });
});

/** The position of `needle` (plus `offset`) in a note of the vault, read from disk. */
function positionIn(uri: string, needle: string, offset = 0) {
  const text = readFileSync(URI.parse(uri).fsPath, 'utf8');
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in ${uri}`);
  const before = text.slice(0, at + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
