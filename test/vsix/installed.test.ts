// Runs inside real VS Code with the extension installed from the .vsix (test/vsix/run-vsix.mjs):
// the extension that answers is the installed copy, and diagnostics, completion and the preview
// work from it alone.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  PREVIEW_REQUEST,
  type PreviewParams,
  type PreviewResult,
} from '../../server/src/lsp/protocol/previewRequest';
import {
  activeApi,
  EXTENSION_ID,
  eventually,
  noteUri,
  openNote,
  waitForDiagnostics,
} from '../vscode/suite/helpers';
import { readWebview } from '../vscode/suite/webview';

/** Log line that tells the runner where VS Code loaded the extension from. */
export const EXTENSION_PATH_PREFIX = 'ATTACK_NOTES_EXTENSION_PATH ';

const labelOf = (item: vscode.CompletionItem) =>
  typeof item.label === 'string' ? item.label : item.label.label;
const codeOf = (d: vscode.Diagnostic) =>
  typeof d.code === 'object' ? String(d.code.value) : String(d.code);

describe('the extension installed from the .vsix', () => {
  before(activeApi);

  it('is loaded from its own folder, not from a development checkout', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const version = (extension.packageJSON as { version: string }).version;
    console.log(`${EXTENSION_PATH_PREFIX}${extension.extensionPath}`);
    // `--install-extension` unpacks into <extensions dir>/<publisher>.<name>-<version>.
    assert.equal(path.basename(extension.extensionPath), `${EXTENSION_ID}-${version}`);
    // The package holds the bundles only: no sources or tests beside them.
    assert.ok(existsSync(path.join(extension.extensionPath, 'dist', 'server.js')));
    for (const absent of ['client', 'server', 'test', 'node_modules', 'tsconfig.json'])
      assert.ok(!existsSync(path.join(extension.extensionPath, absent)), `${absent} is packaged`);
  });

  it('reports the deliberate mistakes of techniques/PowerShell.md', async () => {
    const uri = noteUri('techniques/PowerShell.md');
    const wanted = ['7 link-broken', '11 tactic-id-mismatch', '23 mitigation-name-mismatch'];
    const lines = (found: vscode.Diagnostic[]) =>
      found.map((d) => `${d.range.start.line + 1} ${codeOf(d)}`);
    const waiting = waitForDiagnostics(
      uri,
      (found) => wanted.every((w) => lines(found).includes(w)),
      30_000,
    );
    await openNote('techniques/PowerShell.md');
    await waiting;
  });

  it('completes a Mitigations row with the mitigations mapped to T1059.006 first', async () => {
    // An untitled note, so the vault on disk stays as it is; reverted and closed afterwards.
    const text = ['---', 'alias: T1059.006', '---', '', '### Mitigations', '', '| ID | Name |'];
    const document = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: [...text, '| --- | --- |', '| M', ''].join('\n'),
    });
    await vscode.window.showTextDocument(document);
    try {
      const rows = await eventually(
        async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>(
            'vscode.executeCompletionItemProvider',
            document.uri,
            new vscode.Position(text.length + 1, 3),
          );
          const found = list.items
            .filter((item) => /^M\d{4} /.test(labelOf(item)))
            .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
          return found.length > 0 ? found : undefined;
        },
        20_000,
        'Mitigations row completion',
      );
      assert.deepEqual(
        rows.slice(0, 4).map((item) => labelOf(item).split(' ')[0]),
        ['M1033', 'M1038', 'M1047', 'M1049'],
      );
      const insert = rows[0].insertText;
      assert.ok(insert instanceof vscode.SnippetString);
      assert.match(insert.value, /^\| \[\[Limit Software Installation\\\\\|M1033\]\] \|/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('renders the preview of techniques/Python.md from the installed server, in the webview', async () => {
    const api = await activeApi();
    const client = await api.client;
    const params: PreviewParams = {
      textDocument: { uri: noteUri('techniques/Python.md').toString() },
    };
    const rendered = await client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, params);
    assert.ok(rendered, 'the server knows the note');
    assert.match(rendered.html, /<header class="note-card"/);

    await openNote('techniques/Python.md');
    await vscode.commands.executeCommand('attackNotes.openPreview');
    const links = await eventually(
      async () => {
        // The panel may still be on its way: a failed read is asked again.
        const snapshot = await readWebview('table a.wikilink').catch(() => undefined);
        const texts = snapshot?.elements.map((element) => element.text) ?? [];
        return texts.includes('M1033') ? texts : undefined;
      },
      30_000,
      'the Mitigations table of Python.md in the preview',
    );
    assert.deepEqual(links, ['M1033', 'M1038', 'M1047', 'M1049']);
    const card = await readWebview('header.note-card');
    assert.match(card.elements[0]?.text ?? '', /T1059\.006/);
  });
});
