import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type Range,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import {
  FIX_ALL_KIND,
  INSERT_MITIGATION_ROW_COMMAND,
  INSERT_MITIGATION_ROW_KIND,
  INSERT_MITIGATION_ROWS_REQUEST,
  MITIGATION_CANDIDATES_REQUEST,
  type InsertMitigationRowsResult,
  type MitigationCandidatesResult,
} from '../../server/src/lsp/codeActionProtocol';
import { applyTextEdits } from '../../server/src/core/text/applyEdits';
import { hasShared, OWNED_SEED_PATH, sharedPath } from '../support/sharedData';
import { fileUri, LspTestClient } from './support/lspTestClient';
import { VSCODE_CODE_ACTIONS } from '../support/editorCapabilities';

// The seed note as received when ../shared is beside the repository; otherwise its owned stand-in,
// which has the same lines, links and table layout (our own prose), so the test runs everywhere.
const seedFile = hasShared('seed') ? sharedPath('seed') : OWNED_SEED_PATH;

/** The folder the seed's vault-path links name, inside the vault root. */
const FOLDER =
  'CyberSecurity/Security+/1-Threats-Attacks-Vulnerabilities/Attacking-Frameworks/MITRE ATT&CK/ICS-Attack';

const BASE_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
};

/** VS Code's declarations: action literals resolved lazily for their edit. */
const LAZY_CLIENT: ClientCapabilities = {
  ...BASE_CAPABILITIES,
  textDocument: {
    ...BASE_CAPABILITIES.textDocument,
    codeAction: VSCODE_CODE_ACTIONS,
  },
};

/** A client without `codeAction/resolve` nor document changes: plain inline `changes`. */
const INLINE_CLIENT: ClientCapabilities = {
  workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
  textDocument: {
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] },
      },
    },
  },
};

/** The edits of one document in a workspace edit, and the version they were made for. */
function editsOf(
  edit: WorkspaceEdit | undefined,
  uri: string,
): { edits: TextEdit[]; version?: number | null } {
  assert.ok(edit, 'the action has an edit');
  if (edit.documentChanges) {
    const changes = edit.documentChanges.filter(
      (change): change is TextDocumentEdit => 'textDocument' in change,
    );
    assert.equal(changes.length, 1);
    assert.equal(changes[0].textDocument.uri, uri);
    return {
      edits: changes[0].edits.filter((e): e is TextEdit => 'range' in e),
      version: changes[0].textDocument.version,
    };
  }
  assert.ok(edit.changes?.[uri], 'the edit changes the note');
  return { edits: edit.changes[uri] };
}

const lineStart = (line: number): Range => ({
  start: { line, character: 0 },
  end: { line, character: 0 },
});

describe('protocol: code actions', function () {
  this.timeout(60000);
  let vault: string;
  let seed: string;
  let emptied: string;
  let expected: string;
  let uri: string;
  let client: LspTestClient;
  let missing: Diagnostic;
  /** The document's version in the server, as the tests change it. */
  let version = 1;

  before(async function () {
    seed = readFileSync(seedFile, 'utf8');
    // The table with its header only.
    emptied = seed
      .split('\n')
      .filter((line) => !line.startsWith('| [['))
      .join('\n');
    assert.notEqual(emptied, seed);
    const link = (name: string, id: string) => `[[${FOLDER}/mitigations/${name}\\|${id}]]`;
    const rows = [
      `| ${link('Limit Software Installation', 'M1033')} | Limit Software Installation |  |`,
      `| ${link('Execution Prevention', 'M1038')} | Execution Prevention |  |`,
      `| ${link('Audit', 'M1047')} | Audit |  |`,
      `| ${link('Antivirus／Antimalware', 'M1049')} | Antivirus/Antimalware |  |`,
    ];
    const delimiter = '| --- | --- | --- |\n';
    expected = emptied.replace(delimiter, `${delimiter}${rows.join('\n')}\n`);

    vault = mkdtempSync(path.join(os.tmpdir(), 'attack-notes-actions-'));
    const write = (vaultPath: string, text: string) => {
      const file = path.join(vault, ...vaultPath.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    };
    const idNote = (id: string) => `---\nalias: ${id}\n---\n\n## ${id}\n`;
    write(`${FOLDER}/techniques/Python.md`, emptied);
    write(`${FOLDER}/tactics/Execution.md`, idNote('TA0002'));
    write(`${FOLDER}/mitigations/Limit Software Installation.md`, idNote('M1033'));
    write(`${FOLDER}/mitigations/Execution Prevention.md`, idNote('M1038'));
    write(`${FOLDER}/mitigations/Audit.md`, idNote('M1047'));
    write(`${FOLDER}/mitigations/Antivirus／Antimalware.md`, idNote('M1049'));
    uri = fileUri(path.join(vault, ...`${FOLDER}/techniques/Python.md`.split('/')));

    client = await LspTestClient.start({ workspaceFolders: [vault], capabilities: LAZY_CLIENT });
    await client.waitForIndex(30000);
    const published = client.waitForDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'mitigation-missing'),
    );
    await client.open(uri, emptied);
    missing = (await published).diagnostics.find((d) => d.code === 'mitigation-missing')!;
  });

  after(async () => {
    if (client) await client.stop();
    if (vault) rmSync(vault, { recursive: true, force: true });
  });

  const codeActions = (range: Range, diagnostics: Diagnostic[], only?: string[]) =>
    client.request<CodeAction[] | null>(CodeActionRequest.type.method, {
      textDocument: { uri },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });

  it('announces the kinds it offers, resolve, and its command', function () {
    const { codeActionProvider, executeCommandProvider } = client.initializeResult.capabilities;
    assert.deepEqual(codeActionProvider, {
      codeActionKinds: ['quickfix', FIX_ALL_KIND, INSERT_MITIGATION_ROW_KIND],
      resolveProvider: true,
    });
    assert.deepEqual(executeCommandProvider?.commands, ['attackNotes.openCreatedNote']);
  });

  it('"insert all" writes exactly the four mapped rows in the seed layout, nothing else', async function () {
    const actions = (await codeActions(missing.range, [missing])) ?? [];
    const quickFixes = actions.filter((a) => a.kind === 'quickfix');
    assert.deepEqual(
      quickFixes.map((a) => a.title),
      [
        'Insert all 4 mapped mitigations',
        'Insert the mapped mitigation M1033 Limit Software Installation',
        'Insert the mapped mitigation M1038 Execution Prevention',
        'Insert the mapped mitigation M1047 Audit',
        'Insert the mapped mitigation M1049 Antivirus/Antimalware',
      ],
    );
    const all = quickFixes[0];
    assert.equal(all.isPreferred, true);
    assert.deepEqual(all.diagnostics, [missing]);
    assert.equal(all.edit, undefined, 'the edit is left for codeAction/resolve');
    const resolved = await client.request<CodeAction>(CodeActionResolveRequest.type.method, all);
    const { edits, version } = editsOf(resolved.edit, uri);
    assert.equal(version, 1);
    assert.equal(edits.length, 1, 'all rows in one edit');
    assert.equal(applyTextEdits(emptied, edits), expected);
  });

  it('honours context.only and offers nothing where nothing applies', async function () {
    const inTable = missing.range;
    const refactors = (await codeActions(inTable, [missing], ['refactor'])) ?? [];
    assert.deepEqual(refactors, [
      {
        title: 'Insert Mitigation Row…',
        kind: INSERT_MITIGATION_ROW_KIND,
        command: {
          title: 'Insert Mitigation Row…',
          command: INSERT_MITIGATION_ROW_COMMAND,
          arguments: [uri],
        },
      },
    ]);
    const quickFixes = (await codeActions(inTable, [missing], ['quickfix'])) ?? [];
    assert.ok(quickFixes.length > 0 && quickFixes.every((a) => a.kind === 'quickfix'));
    // No source action unless asked for; no action at all on the front matter.
    const unasked = (await codeActions(inTable, [missing])) ?? [];
    assert.ok(unasked.every((a) => a.kind !== FIX_ALL_KIND));
    assert.deepEqual(await codeActions(lineStart(1), []), []);
  });

  it('fix-all: one versioned edit, and nothing once the document moved on', async function () {
    const [fixAll] = (await codeActions(lineStart(0), [], ['source.fixAll'])) ?? [];
    assert.equal(fixAll?.kind, FIX_ALL_KIND);
    // The seed predates ESXi among Python's platforms: fix-all updates that list too.
    assert.deepEqual(
      fixAll.diagnostics?.map((d) => d.code),
      ['attack-drift', 'mitigation-missing'],
    );
    const resolved = await client.request<CodeAction>(CodeActionResolveRequest.type.method, fixAll);
    const { edits, version: editVersion } = editsOf(resolved.edit, uri);
    assert.equal(editVersion, version);
    assert.equal(
      applyTextEdits(emptied, edits),
      expected.replace('- Linux\n- Windows\n- macOS\n', '- ESXi\n- Linux\n- macOS\n- Windows\n'),
    );

    const moved = `${emptied}\n`;
    const next = version + 1;
    const published = client.waitForDiagnostics(
      uri,
      (p: PublishDiagnosticsParams) => p.version === next,
    );
    version = await client.change(uri, moved);
    await published;
    const late = await client.request<CodeAction>(CodeActionResolveRequest.type.method, fixAll);
    assert.equal(late.edit, undefined, 'no edit for a document that moved on');
    version = await client.change(uri, emptied);
  });

  it('mitigationCandidates and insertMitigationRows answer the Insert Mitigation Row command', async function () {
    const candidates = await client.request<MitigationCandidatesResult>(
      MITIGATION_CANDIDATES_REQUEST,
      { textDocument: { uri } },
    );
    assert.ok(candidates);
    assert.deepEqual(
      candidates.items
        .filter((item) => item.mapped)
        .map((item) => item.id)
        .sort(),
      ['M1033', 'M1038', 'M1047', 'M1049'],
    );
    assert.ok(candidates.items.slice(0, 4).every((item) => item.mapped));
    assert.ok(candidates.items.length > 40);

    const inserted = await client.request<InsertMitigationRowsResult>(
      INSERT_MITIGATION_ROWS_REQUEST,
      {
        textDocument: { uri, version },
        ids: ['M1047'],
      },
    );
    assert.ok(inserted);
    const { edits } = editsOf(inserted.edit, uri);
    const text = applyTextEdits(emptied, edits);
    const row = `| [[${FOLDER}/mitigations/Audit\\|M1047]] | Audit |  |`;
    assert.equal(text, emptied.replace('| --- | --- | --- |\n', `| --- | --- | --- |\n${row}\n`));
    assert.ok(inserted.cursor);
    assert.equal(text.split('\n')[inserted.cursor.line], row);
    assert.equal(inserted.cursor.character, row.length - 2);

    const stale = await client.request<InsertMitigationRowsResult>(INSERT_MITIGATION_ROWS_REQUEST, {
      textDocument: { uri, version: 1 },
      ids: ['M1047'],
    });
    assert.equal(stale, null);
  });

  it('a client without resolve gets the edit inline, as plain changes', async function () {
    const inline = await LspTestClient.start({
      workspaceFolders: [vault],
      capabilities: INLINE_CLIENT,
    });
    try {
      await inline.waitForIndex(30000);
      const published = inline.waitForDiagnostics(uri, (p) =>
        p.diagnostics.some((d) => d.code === 'mitigation-missing'),
      );
      await inline.open(uri, emptied);
      const diagnostic = (await published).diagnostics.find(
        (d) => d.code === 'mitigation-missing',
      )!;
      const actions =
        (await inline.request<CodeAction[] | null>(CodeActionRequest.type.method, {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic], only: ['quickfix'] },
        })) ?? [];
      const all = actions.find((a) => a.title === 'Insert all 4 mapped mitigations');
      assert.ok(all?.edit?.changes, 'an inline edit as changes');
      assert.equal(all.data, undefined);
      assert.equal(applyTextEdits(emptied, editsOf(all.edit, uri).edits), expected);
    } finally {
      await inline.stop();
    }
  });
});
