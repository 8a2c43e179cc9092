// The coverage matrix and the Navigator layer export in real VS Code, on the test's copy of
// examples/vault. The matrix's DOM is read through the browser (test/vscode/suite/webview.ts), so
// those tests run under the offline runner only; the export runs everywhere.
import * as assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { MatrixShown } from '../../../client/src/coverage/matrixPanel';
import {
  COVERAGE_REQUEST,
  type CoverageMatrix,
  type NavigatorLayer,
} from '../../../server/src/lsp/protocol/coverageRequest';
import {
  NEW_NOTE_REQUEST,
  type NewNoteResult,
} from '../../../server/src/lsp/protocol/matrixRequests';
import { activeApi, eventually, noteUri, openNote, waitForActiveEditor } from './helpers';
import { takeScreenshot } from './screenshot';
import {
  clickInWebview,
  extensionLog,
  postFromWebview,
  readWebview,
  webviewBridgeAvailable,
  type WebviewSnapshot,
} from './webview';

const MATRIX = { root: '#attack-notes-matrix' };
const MATRIX_VIEW_TYPE = 'attackNotes.coverageMatrix';
const TIMEOUT_MS = 30_000;
/** Technique notes of examples/vault: every ID the layer and the matrix must show as covered. */
const EXAMPLE_TECHNIQUES = ['T1053', 'T1053.005', 'T1059', 'T1059.001', 'T1059.006', 'T1110'];
/** Where the timing test copies the shared enterprise vault (921 notes) inside the workspace. */
const BIG_VAULT_FOLDER = 'enterprise-copy';
/** A Mitigations table row of the seed format: `| [[Audit\\|M1047]] | Audit | … |`. */
const MITIGATION_ROW = /^\| \[\[[^\]]*\\\|M\d{4}\]\] \|/;
const ENTERPRISE_VAULT = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'vaults',
  'enterprise',
);

function matrixTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) =>
        tab.input instanceof vscode.TabInputWebview &&
        tab.input.viewType.endsWith(MATRIX_VIEW_TYPE),
    );
}

async function readMatrixUntil(
  selector: string,
  accept: (snapshot: WebviewSnapshot) => boolean,
  what: string,
): Promise<WebviewSnapshot> {
  let last: WebviewSnapshot | undefined;
  try {
    return await eventually(
      async () => {
        last = await readWebview(selector, [], MATRIX).catch(() => undefined);
        return last && accept(last) ? last : undefined;
      },
      TIMEOUT_MS,
      what,
    );
  } catch (error) {
    throw new Error(`${String(error)}; last seen: ${JSON.stringify(last?.elements.slice(0, 2))}`);
  }
}

async function cell(id: string): Promise<WebviewSnapshot['elements'][number]> {
  const snapshot = await readMatrixUntil(
    `button.cell[data-id="${id}"]`,
    (s) => s.elements.length > 0,
    `the cell of ${id}`,
  );
  return snapshot.elements[0]!;
}

async function coverage(domain: string): Promise<CoverageMatrix> {
  const client = await (await activeApi()).client;
  return client.sendRequest<CoverageMatrix>(COVERAGE_REQUEST, { domain });
}

/** The cells a matrix has: each technique of each column and its sub-techniques. */
function cellCount(matrix: CoverageMatrix): number {
  let count = 0;
  for (const tactic of matrix.tactics)
    for (const technique of tactic.techniques) count += 1 + technique.subtechniques.length;
  return count;
}

/**
 * The enterprise coverage once `accept` likes it and two answers a second apart agree (the server
 * indexes a copied or deleted folder in batches).
 */
async function settledCoverage(
  accept: (matrix: CoverageMatrix) => boolean,
): Promise<CoverageMatrix> {
  let previous: string | undefined;
  return eventually(
    async () => {
      const matrix = await coverage('enterprise');
      const text = matrix.summary.text + matrix.summary.notes;
      const stable = previous === text;
      previous = text;
      if (!accept(matrix) || !stable) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return undefined;
      }
      return matrix;
    },
    180_000,
    'the coverage of the changed vault',
  );
}

function logShown(what: string, shown: MatrixShown): void {
  console.log(
    `[coverage] ${what}: ${shown.cells} cells drawn ${shown.totalMs} ms after the command ` +
      `(page loaded at ${shown.pageReadyMs ?? '-'} ms, request ${shown.requestMs} ms, drawing ${shown.renderMs} ms)`,
  );
}

describe('coverage matrix', function () {
  this.timeout(600_000);

  before(async () => {
    await activeApi();
  });

  after(async () => {
    await vscode.window.tabGroups.close(matrixTabs());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('exports the Navigator layer of the vault to the file it is given', async () => {
    const target = noteUri('coverage-layer.json');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      'attackNotes.exportNavigatorLayer',
      { domain: 'enterprise', score: 'notes', target },
    );
    assert.equal(written?.toString(), target.toString());
    const layer = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(target)),
    ) as NavigatorLayer;
    await vscode.workspace.fs.delete(target);
    assert.equal(layer.domain, 'enterprise-attack');
    const ids = [...new Set(layer.techniques.map((t) => t.techniqueID))].sort();
    assert.deepEqual(ids, EXAMPLE_TECHNIQUES);
    const python = layer.techniques.find((t) => t.techniqueID === 'T1059.006');
    assert.equal(python?.tactic, 'execution');
    // Score "notes" counts the notes that claim the ID: the vault's own Python.md, and any scratch
    // note an earlier test of this run still has open (the code-action tests write such notes).
    const notes = python?.comment.split(', ') ?? [];
    assert.ok(notes.includes('techniques/Python.md'), python?.comment);
    assert.equal(python?.score, notes.length);
  });

  describe('in the webview', function () {
    before(function () {
      if (!webviewBridgeAvailable()) this.skip();
    });

    it('opens on the active note domain with a summary, covered and empty cells', async () => {
      await openNote('techniques/PowerShell.md');
      const shown = await vscode.commands.executeCommand<MatrixShown | undefined>(
        'attackNotes.showCoverageMatrix',
      );
      assert.ok(shown, 'the matrix was drawn');
      assert.equal(shown.domain, 'enterprise');
      logShown('examples/vault', shown);
      const expected = await coverage('enterprise');
      const summary = await readMatrixUntil(
        '#coverage-summary',
        (s) => s.elements.length === 1,
        'the summary',
      );
      assert.equal(summary.elements[0]!.text, expected.summary.text);
      assert.match(
        summary.elements[0]!.text,
        /^\d+ of \d+ techniques have notes; \d+% of mapped mitigations listed$/,
      );

      const covered = await cell('T1059');
      assert.notEqual(covered.attributes['data-level'], 'none');
      assert.equal(covered.attributes['data-notes'], '1');
      assert.match(covered.text, /Command and Scripting Interpreter/);
      assert.match(
        covered.attributes.title ?? '',
        /techniques\/Command and Scripting Interpreter\.md/,
      );
      const sub = await cell('T1059.006');
      assert.notEqual(sub.attributes['data-level'], 'none');

      const empty = await cell('T1055');
      assert.equal(empty.attributes['data-level'], 'none');
      assert.equal(empty.attributes['data-notes'], '0');
      assert.match(empty.text, /Process Injection/);
      assert.match(empty.attributes.title ?? '', /No note/);
    });

    it('opens the note of a covered cell when it is clicked', async () => {
      await clickInWebview('button.cell[data-id="T1059"]', MATRIX);
      await waitForActiveEditor(
        noteUri('techniques/Command and Scripting Interpreter.md'),
        TIMEOUT_MS,
        'the note of T1059 in the active editor',
      );
    });

    it('acts on no message it does not expect, and on a cell by its ID only', async () => {
      await vscode.commands.executeCommand('attackNotes.showCoverageMatrix', 'enterprise');
      await readMatrixUntil(
        'button.cell[data-id="T1059"]',
        (s) => s.elements.length === 1,
        'T1059',
      );
      // Another note in front (beside the matrix, which stays visible), so the sentinel's note
      // coming to the front shows that it was acted on.
      await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument(noteUri('techniques/PowerShell.md')),
        { viewColumn: vscode.ViewColumn.Beside },
      );
      const terminals = vscode.window.terminals.length;
      const from = extensionLog().split('\n').length - 1;
      await postFromWebview(
        [
          { type: 'openNote', uri: 'file:///etc/passwd.md' },
          { type: 'runCommand', command: 'workbench.action.terminal.new' },
          { type: 'cellClicked', id: '../../etc/passwd' },
          { type: 'cellClicked', id: 'command:workbench.action.terminal.new' },
          { type: 'chooseDomain', domain: 'file:///etc' },
          { type: 'rendered', domain: 'enterprise', cells: -1, ms: 1 },
          // Last, one the panel acts on: once it has, the ones before were handled.
          { type: 'cellClicked', id: 'T1059' },
        ],
        MATRIX,
      );
      await waitForActiveEditor(
        noteUri('techniques/Command and Scripting Interpreter.md'),
        TIMEOUT_MS,
        'the note of T1059 in the active editor',
      );
      assert.equal(vscode.window.terminals.length, terminals, 'a terminal was opened');
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.path ?? '/nowhere';
      for (const tab of vscode.window.tabGroups.all.flatMap((group) => group.tabs))
        if (tab.input instanceof vscode.TabInputText)
          assert.ok(
            tab.input.uri.path.startsWith(`${folder}/`),
            `${tab.input.uri.path} was opened`,
          );
      const log = extensionLog().split('\n').slice(from).join('\n');
      for (const expected of [
        'Coverage matrix: dropped a message from the webview: unknown type "openNote"',
        'Coverage matrix: dropped a message from the webview: unknown type "runCommand"',
        'Coverage matrix: dropped a message from the webview: malformed "cellClicked"',
        'Coverage matrix: dropped a message from the webview: malformed "chooseDomain"',
        'Coverage matrix: dropped a message from the webview: malformed "rendered"',
      ])
        assert.ok(log.includes(expected), `not in the log: ${expected}\n${log}`);
    });

    it('switches to the domain picked in the view, and back', async () => {
      await vscode.commands.executeCommand('attackNotes.showCoverageMatrix', 'enterprise');
      for (const domain of ['ics', 'enterprise']) {
        const expected = await coverage(domain);
        await clickInWebview(`button.domain[data-domain="${domain}"]`, MATRIX);
        await readMatrixUntil(
          `button.domain[data-domain="${domain}"][aria-pressed="true"]`,
          (s) => s.elements.length === 1,
          `${domain} pressed`,
        );
        await readMatrixUntil(
          '#coverage-summary',
          (s) => s.elements[0]?.text === expected.summary.text,
          `the ${domain} summary`,
        );
        const firstTactic = await readMatrixUntil(
          'section.tactic',
          (s) => s.elements.length === expected.tactics.length,
          `the ${domain} tactics`,
        );
        assert.equal(firstTactic.elements[0]!.attributes['data-tactic'], expected.tactics[0]!.id);
      }
    });

    it('creates the skeleton note of an empty cell, and the cell turns covered', async () => {
      const client = await (await activeApi()).client;
      const planned = await client.sendRequest<NewNoteResult>(NEW_NOTE_REQUEST, { id: 'T1055' });
      assert.ok(!('problem' in planned), JSON.stringify(planned));
      assert.equal(planned.vaultPath, 'techniques/Process Injection.md');
      const created = vscode.Uri.parse(planned.uri);
      try {
        await vscode.commands.executeCommand('attackNotes.showCoverageMatrix');
        await clickInWebview('button.cell[data-id="T1055"]', MATRIX);
        // The offer is a QuickPick with one item: accept it once it is open.
        await eventually(
          async () => {
            await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
            return existsSync(created.fsPath) ? true : undefined;
          },
          TIMEOUT_MS,
          'the new note on disk',
        );
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(created));
        assert.equal(text, planned.text);
        await waitForActiveEditor(created, TIMEOUT_MS, 'the new note in the editor');
        // The server's change signal refreshes the matrix.
        await vscode.commands.executeCommand('attackNotes.showCoverageMatrix');
        await readMatrixUntil(
          'button.cell[data-id="T1055"]',
          (s) => s.elements[0]?.attributes['data-level'] !== 'none',
          'T1055 covered in the matrix',
        );
      } finally {
        await vscode.workspace.fs.delete(created).then(undefined, () => undefined);
      }
    });

    it('opens with the 921-note enterprise vault (timed), and refreshes when notes go', async function () {
      if (!existsSync(ENTERPRISE_VAULT)) this.skip();
      const folder = noteUri(BIG_VAULT_FOLDER);
      cpSync(ENTERPRISE_VAULT, folder.fsPath, { recursive: true });
      try {
        // The copy has a note for every technique: indexed once all are covered.
        const full = await settledCoverage((m) => m.summary.covered === m.summary.techniques);
        for (const round of ['cold', 'warm']) {
          await vscode.window.tabGroups.close(matrixTabs());
          await vscode.commands.executeCommand('workbench.action.closeAllEditors');
          const shown = await vscode.commands.executeCommand<MatrixShown | undefined>(
            'attackNotes.showCoverageMatrix',
            'enterprise',
          );
          assert.ok(shown, 'the matrix was drawn');
          logShown(`${full.summary.notes} technique notes, ${round} panel`, shown);
          assert.equal(shown.cells, cellCount(full));
        }
        await readMatrixUntil(
          '#coverage-summary',
          (s) => s.elements[0]?.text === full.summary.text,
          'the summary of the copy',
        );

        // Every other technique note goes: the open matrix follows the server's change signal.
        const techniques = path.join(folder.fsPath, 'techniques');
        const removed = readdirSync(techniques)
          .sort()
          .filter((_, i) => i % 2 === 1);
        for (const name of removed) rmSync(path.join(techniques, name));
        // And of the rest, a third lose every mitigation row and a third every other one, so the
        // picture shows each level.
        readdirSync(techniques)
          .sort()
          .forEach((name, i) => {
            if (i % 3 === 2) return;
            const file = path.join(techniques, name);
            let row = 0;
            const lines = readFileSync(file, 'utf8').split('\n');
            const kept = lines.filter(
              (line) => !(MITIGATION_ROW.test(line) && (i % 3 === 0 || row++ % 2 === 0)),
            );
            if (kept.length < lines.length) writeFileSync(file, kept.join('\n'));
          });
        const partial = await settledCoverage(
          (m) => m.summary.covered < full.summary.covered && m.summary.mitigationPercent < 100,
        );
        await readMatrixUntil(
          '#coverage-summary',
          (s) => s.elements[0]?.text === partial.summary.text,
          'the summary after the notes went',
        );
        await clickInWebview('button.toggle[data-toggle="T1059"]', MATRIX);
        await readMatrixUntil(
          'button.toggle[data-toggle="T1059"][aria-expanded="true"]',
          (s) => s.elements.length > 0,
          'T1059 expanded',
        );
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        await takeScreenshot('coverage-matrix');
      } finally {
        await vscode.window.tabGroups.close(matrixTabs());
        await vscode.workspace.fs
          .delete(folder, { recursive: true })
          .then(undefined, () => undefined);
      }
    });
  });
});
