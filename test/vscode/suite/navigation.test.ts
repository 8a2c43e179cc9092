// (e) Navigation from the server inside real VS Code: go to definition on a wikilink, find all
// references of a mitigation, and a file rename that rewrites the links to the renamed note.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, eventually, noteUri, openNote } from './helpers';

type DefinitionResult = (vscode.Location | vscode.LocationLink)[];

const targetOf = (item: vscode.Location | vscode.LocationLink): vscode.Uri =>
  'targetUri' in item ? item.targetUri : item.uri;

/** The position just inside the first occurrence of `needle` in the document. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 2): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in ${document.uri.path}`);
  return document.positionAt(at + offset);
}

function definitionsAt(uri: vscode.Uri, position: vscode.Position): Thenable<DefinitionResult> {
  return vscode.commands.executeCommand<DefinitionResult>(
    'vscode.executeDefinitionProvider',
    uri,
    position,
  );
}

describe('navigation', () => {
  before(activeApi);

  it('goes from a mitigation link in a table to the mitigation note', async () => {
    const { document } = await openNote('techniques/Python.md');
    const audit = noteUri('mitigations/Audit.md').toString();
    const found = await eventually(
      async () => {
        const results = await definitionsAt(document.uri, positionOf(document, '[[Audit\\|'));
        return results.find((item) => targetOf(item).toString() === audit);
      },
      20_000,
      'a definition on mitigations/Audit.md',
    );
    assert.equal(targetOf(found).toString(), audit);
  });

  it('goes to a note by ID from Go to Symbol in Workspace (Ctrl+T): listed without ranges, the pick lands on its ID heading', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const python = noteUri('techniques/Python.md').toString();
    const listed = await eventually(
      async () => {
        const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
          'vscode.executeWorkspaceSymbolProvider',
          'T1059.006',
        );
        return symbols.length > 0 ? symbols : undefined;
      },
      20_000,
      'workspace symbols for T1059.006',
    );
    // VS Code's Markdown extension lists the heading `## T1059.006` beside ours.
    const ours = listed.find((symbol) => symbol.name === 'T1059.006 Python');
    assert.equal(ours?.location.uri.toString(), python);
    // The list leaves ranges to workspaceSymbol/resolve (no note is parsed to list it); picking
    // the symbol resolves it and selects the ID heading, `## T1059.006` on line 5.
    const editor = await eventually(
      async () => {
        await vscode.commands.executeCommand('workbench.action.quickOpen', '#T1059.006 Python');
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.toString() === python ? active : undefined;
      },
      20_000,
      'Python.md opened from Go to Symbol in Workspace',
    );
    // The cursor lands where the resolved range starts: on the ID of `## T1059.006`, 4:3 (an
    // unresolved symbol would leave it at 0:0, the Markdown extension's heading symbol at 4:0).
    const cursor = await eventually(
      async () => (editor.selection.start.line === 4 ? editor.selection.start : undefined),
      5_000,
      `the cursor on the ID heading (it is at ${editor.selection.start.line}:${editor.selection.start.character})`,
    );
    assert.deepEqual([cursor.line, cursor.character], [4, 3]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds every note that links to Audit from its ID heading', async () => {
    const { document } = await openNote('mitigations/Audit.md');
    const position = positionOf(document, '## M1047', 4);
    const expected = [
      'techniques/Command and Scripting Interpreter.md',
      'techniques/Python.md',
      'techniques/Scheduled Task.md',
      'techniques/Scheduled Task／Job.md',
    ].map((path) => noteUri(path).toString());
    const locations = await eventually(
      async () => {
        const results = await vscode.commands.executeCommand<vscode.Location[]>(
          'vscode.executeReferenceProvider',
          document.uri,
          position,
        );
        const uris = new Set(results.map((location) => location.uri.toString()));
        return expected.every((uri) => uris.has(uri)) ? results : undefined;
      },
      20_000,
      'references from the four technique notes that link to Audit',
    );
    const fromTechniques = locations.filter((location) =>
      expected.includes(location.uri.toString()),
    );
    assert.equal(fromTechniques.length, 4);
  });

  it('shows an "N references" lens on the ID heading whose command opens the references', async () => {
    const { document } = await openNote('mitigations/Audit.md');
    const lens = await eventually(
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          document.uri,
        );
        return lenses.find(
          (candidate) => candidate.command?.command === 'attackNotes.showReferences',
        );
      },
      20_000,
      'the references lens',
    );
    assert.equal(lens.range.start.line, 4);
    assert.match(lens.command!.title, /^\d+ references$/);
    assert.ok(Number(lens.command!.title.split(' ')[0]) >= 4);
    // The client's command turns the plain arguments into VS Code types; a wrong type would throw.
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  it('rewrites the links to a note renamed through a WorkspaceEdit', async () => {
    await withNotes('Rename target', async ({ target, linker }) => {
      const renamed = noteUri('notes/Renamed target.md');
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(target, renamed);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the rename was not applied');
      await expectText(
        linker,
        'See [[Renamed target]] and [[notes/Renamed target#Rename target|the target]].\n',
      );
      return [renamed];
    });
  });

  it('renames a note with Rename Symbol on a link, rewriting each link once', async () => {
    await withNotes('Symbol target', async ({ linker, document }) => {
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
        'vscode.executeDocumentRenameProvider',
        linker,
        positionOf(document, '[[Symbol target'),
        'Symbol renamed',
      );
      assert.ok(await vscode.workspace.applyEdit(edit), 'the rename was not applied');
      // The client's willRenameFiles for the same move must not add a second set of edits.
      await expectText(
        linker,
        'See [[Symbol renamed]] and [[notes/Symbol renamed#Symbol target|the target]].\n',
      );
      return [noteUri('notes/Symbol renamed.md')];
    });
  });
});

describe('navigation: folder renames', () => {
  before(activeApi);

  it('rewrites vault-path links to the notes of a renamed folder', async () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const folder = noteUri('scratch');
    const moved = noteUri('scratch-moved');
    const linker = noteUri('notes/Folder linker.md');
    await vscode.workspace.fs.writeFile(noteUri('scratch/Inner.md'), encode('# Inner\n'));
    await vscode.workspace.fs.writeFile(linker, encode('See [[scratch/Inner]].\n'));
    try {
      const { document } = await openNote('notes/Folder linker.md');
      await eventually(
        async () => {
          const results = await definitionsAt(linker, positionOf(document, '[[scratch'));
          return results.length > 0 ? results : undefined;
        },
        20_000,
        'the server to index the new folder',
      );
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(folder, moved);
      assert.ok(await vscode.workspace.applyEdit(edit), 'the rename was not applied');
      await expectText(linker, 'See [[scratch-moved/Inner]].\n');
    } finally {
      await vscode.workspace.saveAll(false);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of [folder, moved, linker])
        await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    }
  });
});

interface ScratchNotes {
  target: vscode.Uri;
  linker: vscode.Uri;
  /** The linker, open in an editor. */
  document: vscode.TextDocument;
}

/**
 * Writes a note named `name` and a linker note with two links to it, waits until the server
 * resolves them, runs `body`, then removes both notes and whatever `body` says it created.
 */
async function withNotes(
  name: string,
  body: (notes: ScratchNotes) => Promise<vscode.Uri[]>,
): Promise<void> {
  const target = noteUri(`notes/${name}.md`);
  const linker = noteUri(`notes/${name} linker.md`);
  const encode = (text: string) => new TextEncoder().encode(text);
  const created = [target, linker];
  await vscode.workspace.fs.writeFile(target, encode(`# ${name}\n`));
  await vscode.workspace.fs.writeFile(
    linker,
    encode(`See [[${name}]] and [[notes/${name}#${name}|the target]].\n`),
  );
  try {
    const { document } = await openNote(`notes/${name} linker.md`);
    // The server learns of the new target through the file watcher.
    await eventually(
      async () => {
        const results = await definitionsAt(linker, positionOf(document, `[[${name}`));
        return results.find((item) => targetOf(item).toString() === target.toString());
      },
      20_000,
      'the server to index the new note',
    );
    created.push(...(await body({ target, linker, document })));
  } finally {
    // Saved first, so closing the editors asks nothing.
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created)
      await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }
}

/** Waits for the document to hold `expected`; fails with the text it last held. */
async function expectText(uri: vscode.Uri, expected: string): Promise<void> {
  let last = '';
  try {
    await eventually(
      async () => {
        last = (await vscode.workspace.openTextDocument(uri)).getText();
        return last === expected ? last : undefined;
      },
      20_000,
      `${uri.path} to hold the rewritten links`,
    );
  } catch {
    assert.equal(last, expected);
  }
}
