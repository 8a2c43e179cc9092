// (f) Quick fixes in real VS Code: Insert Mitigation Row answered through its real QuickPick, a
// quick fix taken the way the light bulb takes it, and fix-all on save. Each test works on a
// scratch note written into the test's copy of examples/vault and compares the whole text; the
// last two take the README's pictures.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MitigationPickItem } from '../../../client/src/mitigationRows/mitigationPicker';
import { activeApi, eventually, noteUri, openNote, waitForDiagnostics } from './helpers';
import { screenshotAs } from './namedScreenshot';

const INSERT_MITIGATION_ROW = 'attackNotes.insertMitigationRow';
const FIX_ALL_KIND = 'source.fixAll.attackNotes';
const DEADLINE_MS = 20_000;

/** Scratch notes written by the tests, removed after each. */
const scratchNotes: string[] = [];

const codeOf = (d: vscode.Diagnostic) =>
  typeof d.code === 'object' ? String(d.code.value) : String(d.code);

async function readNote(relativePath: string): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(noteUri(relativePath)));
}

/**
 * Writes a scratch note into the vault copy and shows it. Each gets a name of its own: a closed
 * editor's document may linger in memory with the text of a note written before under that name.
 */
async function showScratchNote(name: string, text: string): Promise<vscode.TextEditor> {
  const relativePath = `techniques/${name} ${Date.now()}-${scratchNotes.length}.md`;
  scratchNotes.push(relativePath);
  const uri = noteUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** Resolves with the first value `event` fires that `accept` likes, or fails at the deadline. */
function nextEvent<T>(
  event: vscode.Event<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = DEADLINE_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** The quick fixes VS Code's light bulb would list at `range`, each resolved (edit filled in). */
async function quickFixesAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
    // Resolve every action, as the light bulb resolves the one the author takes.
    100,
  );
}

/** Applies a code action as VS Code does when it is chosen: its edit, then its command. */
async function applyCodeAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
  if (action.command) {
    await vscode.commands.executeCommand(
      action.command.command,
      ...(action.command.arguments ?? []),
    );
  }
}

/** The Python note without some of its Mitigations rows, and those rows. */
async function pythonWithoutRows(...ids: string[]): Promise<{ text: string }> {
  const python = await readNote('techniques/Python.md');
  const lines = python.split('\n');
  const removed = lines.filter((line) => ids.some((id) => line.includes(`\\|${id}]]`)));
  assert.equal(removed.length, ids.length, `techniques/Python.md has rows for ${ids.join(', ')}`);
  return { text: lines.filter((line) => !removed.includes(line)).join('\n') };
}

describe('quick fixes and Insert Mitigation Row', () => {
  const files = () => vscode.workspace.getConfiguration('files');
  before(async () => {
    await activeApi();
    // The web workbench saves after a delay by default: the in-memory edits of these tests must
    // not reach the disk, and the save test must be the one that saves.
    await files().update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  });
  after(() => files().update('autoSave', undefined, vscode.ConfigurationTarget.Workspace));

  afterEach(async () => {
    // Close every scratch editor without saving, then remove the scratch notes from the copy.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (let open = 0; vscode.window.activeTextEditor && open < 20; open++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // The messages a test caused must not sit over the README pictures.
    await vscode.commands.executeCommand('notifications.clearAll');
    for (const scratch of scratchNotes.splice(0))
      await vscode.workspace.fs.delete(noteUri(scratch));
  });

  /**
   * Runs the command with the arguments of the way it is started (palette: none; context menu:
   * the editor's Uri; code action: the note's URI string) and returns its picker, once shown.
   */
  async function openPicker(args: unknown[] = []): Promise<{
    shown: vscode.QuickPick<MitigationPickItem>;
    done: Thenable<unknown>;
  }> {
    const api = await activeApi();
    const picker = nextEvent(api.onDidShowMitigationPicker, () => true, 'the mitigation picker');
    const done = vscode.commands.executeCommand(INSERT_MITIGATION_ROW, ...args);
    return { shown: await picker, done };
  }

  /**
   * Types `filter` into the real picker, moves to the first row it leaves and ticks it, as the
   * keys Down and Space would (a multi-select picker highlights no row until told to).
   */
  async function tick(shown: vscode.QuickPick<MitigationPickItem>, filter: string, id: string) {
    await highlight(shown, filter, id, true);
  }

  /**
   * Types `filter` into the real picker and moves to the first row it leaves (the key Down);
   * with `andTick`, ticks it too (the key Space).
   */
  async function highlight(
    shown: vscode.QuickPick<MitigationPickItem>,
    filter: string,
    id: string,
    andTick = false,
  ) {
    shown.value = filter;
    // The typed value and the picker itself reach the workbench a moment later: try again until
    // the row is highlighted and ticked. The workbench reports a change of highlight or ticks
    // before it answers the command that made it, so a tick is never repeated by mistake.
    await eventually(
      async () => {
        await vscode.commands.executeCommand('quickInput.first');
        if (shown.activeItems[0]?.id !== id) return undefined;
        if (!andTick) return true;
        if (!shown.selectedItems.some((item) => item.id === id))
          await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
        return shown.selectedItems.some((item) => item.id === id) ? true : undefined;
      },
      DEADLINE_MS,
      `${id} highlighted${andTick ? ' and ticked' : ''} after typing ${filter}`,
    );
  }

  it('Insert Mitigation Row: the picker lists what the table lacks, mapped first; one row lands in ID order with the cursor in its Description cell', async () => {
    const { text } = await pythonWithoutRows('M1047');
    const editor = await showScratchNote('Python draft', text);
    // As the editor's context menu runs it: with the editor's Uri.
    const { shown, done } = await openPicker([editor.document.uri]);

    const rows = shown.items.filter((item) => item.kind !== vscode.QuickPickItemKind.Separator);
    assert.equal(rows[0].id, 'M1047', 'the one mapped mitigation the table lacks comes first');
    assert.equal(rows[0].description, 'mapped by ATT&CK');
    assert.ok(rows.slice(1).every((item) => item.description === undefined));
    for (const present of ['M1033', 'M1038', 'M1049'])
      assert.ok(!rows.some((item) => item.id === present), `${present} is in the table already`);
    assert.ok(rows.length > 30, `the domain's other mitigations follow (${rows.length} rows)`);

    // Nothing ticked: Enter takes the highlighted row (Down, Enter), as in a single-choice list.
    // (No filter typed here: a filter arriving after the Down would clear the highlight.)
    await highlight(shown, '', 'M1047');
    assert.equal(shown.selectedItems.length, 0);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;

    // The row in the note's own link style with the ATT&CK name; the Description is the author's.
    const inserted = '| [[Audit\\|M1047]] | Audit |  |';
    const lines = text.split('\n');
    const before = lines.findIndex((line) => line.includes('\\|M1049]]'));
    lines.splice(before, 0, inserted);
    assert.equal(editor.document.getText(), lines.join('\n'));
    const cell = new vscode.Position(before, inserted.length - 2);
    assert.deepEqual(
      [editor.selection.anchor, editor.selection.active].map((p) => [p.line, p.character]),
      [
        [cell.line, cell.character],
        [cell.line, cell.character],
      ],
      'the cursor waits in the Description cell',
    );
  });

  it('Insert Mitigation Row from the code action: several ticked rows go in ID order in one edit, the cursor stays', async () => {
    const { text } = await pythonWithoutRows('M1033', 'M1047');
    const editor = await showScratchNote('Python draft', text);
    const start = new vscode.Position(0, 0);
    editor.selection = new vscode.Selection(start, start);
    // This time from the light bulb's "Insert Mitigation Row…" in the Mitigations section.
    const header = editor.document.lineAt(text.split('\n').indexOf('| ID | Name | Description |'));
    const action = await eventually(
      async () =>
        (
          await vscode.commands.executeCommand<vscode.CodeAction[]>(
            'vscode.executeCodeActionProvider',
            editor.document.uri,
            header.range,
          )
        ).find((offered) => offered.command?.command === INSERT_MITIGATION_ROW),
      DEADLINE_MS,
      'the Insert Mitigation Row… code action',
    );
    assert.deepEqual(action.command?.arguments, [editor.document.uri.toString()]);
    const { shown, done } = await openPicker(action.command?.arguments);
    await tick(shown, 'M1047', 'M1047');
    await tick(shown, 'Password Policies', 'M1027');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;

    const lines = text.split('\n');
    const first = lines.findIndex((line) => line.includes('\\|M1038]]'));
    lines.splice(first, 0, '| [[Password Policies\\|M1027]] | Password Policies |  |');
    lines.splice(first + 2, 0, '| [[Audit\\|M1047]] | Audit |  |');
    assert.equal(editor.document.getText(), lines.join('\n'));
    assert.ok(editor.selection.active.isEqual(start), 'no single Description cell to go to');
  });

  it('Insert Mitigation Row says so when the note is not a technique note', async () => {
    const editor = await showScratchNote('Python draft', '# Ideas\n\nNothing to map here.\n');
    const api = await activeApi();
    let opened = false;
    const listening = api.onDidShowMitigationPicker((picker) => {
      opened = true;
      picker.hide(); // so that a failure here does not hold the command open
    });
    try {
      await vscode.commands.executeCommand(INSERT_MITIGATION_ROW, editor.document.uri.toString());
    } finally {
      listening.dispose();
    }
    assert.equal(opened, false, 'no picker for a note without a Mitigations table to fill');
    assert.equal(editor.document.getText(), '# Ideas\n\nNothing to map here.\n');
  });

  it('applies a quick fix the way the light bulb does: resolved action, edit, then command', async () => {
    const text = await readNote('techniques/PowerShell.md');
    const editor = await showScratchNote('PowerShell draft', text);
    const uri = editor.document.uri;
    const found = await waitForDiagnostics(
      uri,
      (all) => all.some((d) => codeOf(d) === 'table-unescaped-pipe'),
      DEADLINE_MS,
    );
    const pipe = found.find((d) => codeOf(d) === 'table-unescaped-pipe')!;
    // (vscode.executeCodeActionProvider leaves out the actions' diagnostics: match the title.)
    const fixesPipe = (action: vscode.CodeAction) => action.title.startsWith('Escape the pipe');
    const action = await eventually(
      async () => (await quickFixesAt(uri, pipe.range)).find(fixesPipe),
      DEADLINE_MS,
      'a quick fix for table-unescaped-pipe',
    );
    assert.ok(action.edit, 'the resolved action carries its edit');
    const listed = (all: vscode.Diagnostic[]) =>
      all.map((d) => `${d.range.start.line} ${codeOf(d)}`).sort();
    const others = listed(found.filter((d) => d !== pipe));

    await applyCodeAction(action);

    assert.equal(
      editor.document.getText(),
      text.replace('| [[Code Signing|M1045]] |', '| [[Code Signing\\|M1045]] |'),
    );
    const after = await waitForDiagnostics(
      uri,
      (all) => !all.some((d) => codeOf(d) === 'table-unescaped-pipe'),
      DEADLINE_MS,
    );
    assert.deepEqual(
      listed(after),
      others,
      'the other findings stay as they were and no new one appears',
    );
    assert.ok(
      !(await quickFixesAt(uri, pipe.range)).some(fixesPipe),
      'the fix is not offered again',
    );
  });

  it('fixes what needs no choice on save with editor.codeActionsOnSave', async () => {
    const editorSettings = vscode.workspace.getConfiguration('editor');
    await editorSettings.update(
      'codeActionsOnSave',
      { [FIX_ALL_KIND]: 'explicit' },
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      const text = await readNote('techniques/PowerShell.md');
      const editor = await showScratchNote('PowerShell draft', text);
      const uri = editor.document.uri;
      const fixable = ['table-unescaped-pipe', 'mitigation-name-mismatch'];
      const found = await waitForDiagnostics(
        uri,
        (all) => fixable.every((code) => all.some((d) => codeOf(d) === code)),
        DEADLINE_MS,
      );
      // What needs the author: the broken link and the tactic mismatch (candidates), and the
      // scratch file's name, which is not the technique's ATT&CK name (attack-drift).
      const needChoice = found.map(codeOf).filter((code) => !fixable.includes(code));
      // An edit of the author's own makes the note dirty, as a save after typing would be.
      const typed = 'Remove PowerShell from systems that do not need it at all.';
      await editor.edit((builder) => {
        const at = editor.document.getText().indexOf('do not need it.');
        builder.replace(
          new vscode.Range(
            editor.document.positionAt(at),
            editor.document.positionAt(at + 'do not need it.'.length),
          ),
          'do not need it at all.',
        );
      });
      assert.ok(editor.document.getText().includes(typed));

      const saved = nextEvent(
        vscode.workspace.onDidSaveTextDocument,
        (document) => document.uri.toString() === uri.toString(),
        'the save',
      );
      await vscode.commands.executeCommand('workbench.action.files.save');
      await saved;

      // Fixed without a choice: the pipe escaped and the ATT&CK name in the Name cell. The
      // broken link and the tactic mismatch have candidates and stay for the author.
      const expected = text
        .replace('do not need it.', 'do not need it at all.')
        .replace('| [[Code Signing|M1045]] |', '| [[Code Signing\\|M1045]] |')
        .replace('| Execution Protection |', '| Execution Prevention |');
      assert.equal(editor.document.getText(), expected);
      assert.equal(
        await readNote(scratchNotes[scratchNotes.length - 1]),
        expected,
        'the saved file holds the fixes',
      );
      const left = await waitForDiagnostics(
        uri,
        (all) => !all.some((d) => fixable.includes(codeOf(d))),
        DEADLINE_MS,
      );
      assert.deepEqual(left.map(codeOf).sort(), needChoice.sort());
      assert.ok(needChoice.includes('link-broken') && needChoice.includes('tactic-id-mismatch'));
    } finally {
      await editorSettings.update(
        'codeActionsOnSave',
        undefined,
        vscode.ConfigurationTarget.Workspace,
      );
    }
  });

  // The README's pictures show the sample vault's own notes, changed in memory only: the editor
  // is reverted after each test.
  it('opens the quick-fix menu on a finding (README picture)', async () => {
    const editor = await openNote('techniques/PowerShell.md');
    const uri = editor.document.uri;
    const found = await waitForDiagnostics(
      uri,
      (all) => all.some((d) => codeOf(d) === 'mitigation-name-mismatch'),
      DEADLINE_MS,
    );
    const mismatch = found.find((d) => codeOf(d) === 'mitigation-name-mismatch')!;
    const fixes = await eventually(
      async () => {
        const offered = await quickFixesAt(uri, mismatch.range);
        return offered.some((action) => action.title.includes('Execution Prevention'))
          ? offered
          : undefined;
      },
      DEADLINE_MS,
      'the quick fix of mitigation-name-mismatch',
    );
    assert.ok(fixes.length > 0);
    editor.selection = new vscode.Selection(mismatch.range.start, mismatch.range.start);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await screenshotAs('quick-fix-menu', '.action-widget');
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  it('shows the Insert Mitigation Row picker (README picture)', async () => {
    const editor = await openNote('techniques/Python.md');
    const document = editor.document;
    const audit = document.getText().indexOf('| [[Audit');
    const row = document.lineAt(document.positionAt(audit).line).rangeIncludingLineBreak;
    await editor.edit((builder) => builder.delete(row));
    // As the command palette runs it: no argument, the active editor's note.
    const { shown } = await openPicker();
    const first = shown.items.find((item) => item.kind !== vscode.QuickPickItemKind.Separator);
    assert.equal(first?.id, 'M1047');
    await tick(shown, '', 'M1047');
    await screenshotAs('insert-mitigation-row', '.quick-input-widget');
    shown.hide();
  });

  it('completes a whole mitigation row in a Mitigations table (README picture)', async () => {
    const editor = await openNote('techniques/Python.md');
    const document = editor.document;
    const text = document.getText();
    const header = '| --- | --- | --- |\n';
    const rowsStart = text.indexOf(header) + header.length;
    const rowsEnd = text.indexOf('\n\n', rowsStart) + 1;
    await editor.edit((builder) =>
      builder.replace(
        new vscode.Range(document.positionAt(rowsStart), document.positionAt(rowsEnd)),
        '| \n',
      ),
    );
    const at = document.positionAt(rowsStart + 2);
    await eventually(
      async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          document.uri,
          at,
        );
        const labels = list.items.map((item) =>
          typeof item.label === 'string' ? item.label : item.label.label,
        );
        return labels.some((label) => label.startsWith('M1033')) ? true : undefined;
      },
      DEADLINE_MS,
      'mitigation row completions',
    );
    editor.selection = new vscode.Selection(at, at);
    // The section at the top, so the list opens below the row with the table still in sight.
    const section = document.positionAt(text.indexOf('### Mitigations'));
    editor.revealRange(new vscode.Range(section, section), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await screenshotAs('completion-mitigation-row', '.suggest-widget.visible');
    await vscode.commands.executeCommand('hideSuggestWidget');
  });
});
