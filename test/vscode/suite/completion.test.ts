// (d) Completion and hover come from the server: whole Mitigations rows with the technique's
// mapped mitigations first, notes after `[[`, and ATT&CK facts on hover.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, eventually, openNote } from './helpers';

const labelOf = (item: vscode.CompletionItem) =>
  typeof item.label === 'string' ? item.label : item.label.label;

/**
 * A scratch T1059.006 note (untitled, so the vault on disk is untouched) with `text` in it. VS Code
 * reuses the name `Untitled-1` once the previous scratch note is closed, and until that close has
 * reached the extension host, opening "new" content could hand back the previous note with its old
 * text (seen in 8 of 16 runs under load). So check the text, and ask again until it is ours.
 */
async function scratchNote(text: string): Promise<vscode.TextDocument> {
  return eventually(
    async () => {
      const document = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: text,
      });
      if (document.getText() !== text) return undefined;
      await vscode.window.showTextDocument(document);
      return document;
    },
    20_000,
    'a fresh untitled scratch note',
  );
}

async function completionsAt(
  document: vscode.TextDocument,
  position: vscode.Position,
  accept: (items: vscode.CompletionItem[]) => boolean,
  what: string,
): Promise<vscode.CompletionItem[]> {
  return eventually(
    async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      return accept(list.items) ? list.items : undefined;
    },
    20_000,
    what,
  );
}

const PYTHON_WITHOUT_ROWS = [
  '---',
  'alias: T1059.006',
  '---',
  '',
  '## T1059.006',
  '',
  '### Mitigations',
  '',
  '| ID | Name | Description |',
  '| --- | --- | --- |',
  '| M',
  '',
].join('\n');

describe('completion and hover', () => {
  before(activeApi);
  // Untitled scratch notes are reverted and closed, so no save prompt can block the run.
  afterEach(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('offers the mitigations mapped to T1059.006 first, as whole table rows', async () => {
    const document = await scratchNote(PYTHON_WITHOUT_ROWS);
    const items = await completionsAt(
      document,
      new vscode.Position(10, 3),
      (found) => found.some((item) => labelOf(item).startsWith('M1033')),
      'mitigation completions',
    );
    const ours = items
      .filter((item) => /^M\d{4} /.test(labelOf(item)))
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(
      ours.slice(0, 4).map((item) => labelOf(item).split(' ')[0]),
      ['M1033', 'M1038', 'M1047', 'M1049'],
    );
    const insert = ours[0].insertText;
    assert.ok(insert instanceof vscode.SnippetString, 'a new row is a snippet');
    assert.equal(
      insert.value,
      '| [[Limit Software Installation\\\\|M1033]] | Limit Software Installation | $0 |',
    );
  });

  it('completes a whole row after `| [[` on a new row of the Mitigations table', async () => {
    // The web workbench saves after a delay by default; this edit stays in memory and is reverted.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await openNote('techniques/Python.md');
      const document = editor.document;
      const original = document.getText().split('\n');
      // Audit (M1047, mapped to T1059.006) leaves the table; a new row is started below it.
      const audit = original.findIndex((line) => line.startsWith('| [[Audit\\|M1047]]'));
      const last = original.findIndex((line) => line.startsWith('| [[Antivirus'));
      assert.ok(audit > 0 && last > audit, 'techniques/Python.md lists Audit before Antivirus');
      await editor.edit((builder) => {
        builder.delete(document.lineAt(audit).rangeIncludingLineBreak);
        builder.insert(new vscode.Position(last + 1, 0), '| [[\n');
      });
      const row = last;
      assert.equal(document.lineAt(row).text, '| [[');
      const at = new vscode.Position(row, 4);
      const items = await completionsAt(
        document,
        at,
        (found) => found.some((item) => labelOf(item).startsWith('M1047')),
        'completions after `| [[`',
      );
      const first = [...items].sort((a, b) =>
        (a.sortText ?? '').localeCompare(b.sortText ?? ''),
      )[0];
      assert.equal(labelOf(first).split(' ')[0], 'M1047', 'the mapped mitigation not listed first');

      // Accepted as a person would: the suggest widget's first entry, then Enter.
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      const completed = await eventually(
        async () => {
          await vscode.commands.executeCommand('acceptSelectedSuggestion');
          const line = document.lineAt(row).text;
          return line === '| [[' ? undefined : line;
        },
        20_000,
        'the suggestion accepted',
      );
      assert.equal(completed, '| [[Audit\\|M1047]] | Audit |  |');
      const expected = original.filter((_, line) => line !== audit);
      expected.splice(row, 0, completed);
      assert.equal(document.getText(), expected.join('\n'));
      // The cursor waits in the Description cell.
      assert.deepEqual(
        [editor.selection.active.line, editor.selection.active.character],
        [row, '| [[Audit\\|M1047]] | Audit | '.length],
      );
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('offers vault notes after [[', async () => {
    const document = await scratchNote('See [[Limit Soft');
    const items = await completionsAt(
      document,
      new vscode.Position(0, 16),
      (found) => found.some((item) => labelOf(item) === 'Limit Software Installation'),
      'note completions',
    );
    const note = items.find((item) => labelOf(item) === 'Limit Software Installation')!;
    assert.equal(note.detail, 'mitigations · mitigation M1033');
  });

  it('hovers an ATT&CK ID and a wikilink of techniques/Python.md', async () => {
    const editor = await openNote('techniques/Python.md');
    const uri = editor.document.uri;
    const hoverText = async (position: vscode.Position) =>
      eventually(
        async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            uri,
            position,
          );
          const text = hovers
            .flatMap((h) => h.contents)
            .map((c) => (typeof c === 'string' ? c : c.value))
            .join('\n');
          return text.includes('**') ? text : undefined;
        },
        20_000,
        `a hover at ${position.line}:${position.character}`,
      );
    const id = await hoverText(new vscode.Position(1, 10));
    assert.match(id, /\*\*Python\*\* · sub-technique `T1059\.006`/);
    assert.match(id, /Mitigations: Limit Software Installation \(M1033\)/);
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('[[Execution]]'));
    const link = await hoverText(new vscode.Position(line, 5));
    assert.match(link, /\*\*Execution\*\* · tactic `TA0002`/);
    assert.match(link, /tactics\/Execution\.md/);
  });
});
