import { strict as assert } from 'node:assert';
import path from 'node:path';
import type {
  Position,
  RenameFile,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import {
  fixAllEdits,
  unambiguousFixes,
} from '../../../server/src/core/features/codeActions/fixAll';
import { FIX_PROVIDERS } from '../../../server/src/core/features/codeActions/registry';
import { isRuleCode } from '../../../server/src/core/features/diagnostics/rules';
import { linkEditsForRenames } from '../../../server/src/core/features/navigation/fileRenames';
import { renameNote, RenameRefused } from '../../../server/src/core/features/navigation/renameNote';
import { applyTextEdits } from '../../../server/src/core/text/applyEdits';
import { assertExactResult, lineBreaksOf } from '../../support/exactEdits';
import { readVault, seedVault, type SeededVault } from '../../support/seededVault';
import { describeWithShared, repoRoot, sharedPath } from '../../support/sharedData';
import { findingOf, newFindings, uriOf, vaultPathOf, VaultUnderTest } from './vaultUnderTest';

/**
 * No lost text: over a vault with seeded mistakes (every kind a quick fix handles, in LF, CRLF
 * and mixed notes, with and without BOM), every quick fix offered, fix-all on each note and on the
 * whole vault in turn, and a rename of every linked note (Rename Symbol, and a file rename as
 * `workspace/willRenameFiles` sees it). Each resulting text must be exactly the edits spliced into
 * the note (test/support/exactEdits.ts: unchanged outside the edited ranges, BOM and line breaks
 * kept), the problem fixed must be gone, and checking the vault again must find nothing new.
 * The CLI's `check --fix` over the same vault is test/protocol/noLostText.test.ts.
 */

/** The sample vault, seeded. */
function examplesVault(): SeededVault {
  return seedVault(readVault(path.join(repoRoot, 'examples', 'vault')));
}

/**
 * A slice of the enterprise vault, seeded: every 160th technique with a Mitigations table, and the
 * notes its links name, so that its links resolve as in the whole vault.
 */
function enterpriseSlice(): SeededVault {
  const all = readVault(sharedPath('enterprise'));
  const techniques = Object.keys(all)
    .filter((p) => /^## T\d{4}/m.test(all[p]) && /### Mitigations/.test(all[p]))
    .filter((_, i) => i % 160 === 0);
  const chosen = new Set(techniques);
  for (const p of techniques) {
    for (const [, target] of all[p].matchAll(/\[\[([^\]|\\#]+)/g)) {
      const linked = Object.keys(all).find((q) => path.posix.basename(q, '.md') === target);
      if (linked) chosen.add(linked);
    }
  }
  return seedVault(Object.fromEntries([...chosen].map((p) => [p, all[p]])));
}

function count(lines: readonly string[], line: string): number {
  return lines.filter((l) => l === line).length;
}

/** The exact texts a workspace edit makes (text edits on the notes, then the file moves). */
function applyWorkspaceEdit(
  vault: VaultUnderTest,
  edit: WorkspaceEdit,
  where: string,
): { texts: Record<string, string>; moves: Record<string, string> } {
  const texts: Record<string, string> = {};
  const moves: Record<string, string> = {};
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      assert.equal(change.kind, 'rename', `${where}: only renames and text edits`);
      const rename = change as RenameFile;
      moves[vaultPathOf(rename.oldUri)] = vaultPathOf(rename.newUri);
      continue;
    }
    const documentEdit = change as TextDocumentEdit;
    const vaultPath = vaultPathOf(documentEdit.textDocument.uri);
    const before = vault.files[vaultPath];
    const edits = documentEdit.edits;
    texts[vaultPath] = assertExactResult(
      before,
      edits,
      applyTextEdits(before, edits),
      `${where} in ${vaultPath}`,
    );
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const vaultPath = vaultPathOf(uri);
    const before = vault.files[vaultPath];
    texts[vaultPath] = assertExactResult(
      before,
      edits,
      applyTextEdits(before, edits),
      `${where} in ${vaultPath}`,
    );
  }
  return { texts, moves };
}

/** Where Rename Symbol is asked for a note: on a link to it, else on its own ID heading. */
function renamePosition(
  vault: VaultUnderTest,
  vaultPath: string,
): { from: string; position: Position } | undefined {
  const backlink = vault.index.backlinks(uriOf(vaultPath))[0];
  if (backlink) {
    const { start } = backlink.link.target.range;
    return {
      from: backlink.source.vaultPath,
      position: { line: start.line, character: start.character + 1 },
    };
  }
  const heading = vault.context(vaultPath).note.headings.find((h) => /^[A-Z]+\d{4}/.test(h.text));
  return heading
    ? { from: vaultPath, position: { line: heading.range.start.line, character: 4 } }
    : undefined;
}

describe('no lost text over examples/vault with seeded mistakes', function () {
  noLostText.call(this, 'examples/vault', examplesVault);
});

describeWithShared('no lost text over a slice of the enterprise vault', 'enterprise', function () {
  noLostText.call(this, 'enterprise', enterpriseSlice);
});

function noLostText(this: Mocha.Suite, name: string, seed: () => SeededVault): void {
  this.timeout(300_000);
  const source = { name, seeded: seed() };
  const vault = new VaultUnderTest(source.seeded.files);
  const before = vault.findings();
  const notes = Object.keys(vault.files).sort();

  it('has each seeded mistake, in every line-break style, with and without BOM', function () {
    for (const [vaultPath, rules] of Object.entries(source.seeded.seeded)) {
      const found = vault.diagnostics(vaultPath).map((d) => String(d.code));
      for (const rule of rules) assert.ok(found.includes(rule), `${vaultPath}: no ${rule}`);
    }
    const styles = new Set(
      notes
        .filter((p) => source.seeded.seeded[p])
        .map((p) => {
          const text = vault.files[p];
          const breaks = lineBreaksOf(text);
          const kind = breaks.size > 1 ? 'mixed' : breaks.has('\r\n') ? 'crlf' : 'lf';
          return `${kind}${text.startsWith('\uFEFF') ? '+bom' : ''}`;
        }),
    );
    if (source.name === 'examples/vault') {
      assert.ok(styles.size >= 4, `seeded notes in only ${[...styles].join(', ')}`);
      const seededRules = new Set(Object.values(source.seeded.seeded).flat());
      const fixable = Object.keys(FIX_PROVIDERS);
      assert.deepEqual(
        fixable.filter((rule) => !seededRules.has(rule)),
        [],
        'every rule with a quick fix has a seeded mistake',
      );
    }
  });

  it('applies every quick fix offered exactly, each on a fresh copy of the vault', function () {
    let applied = 0;
    for (const vaultPath of notes) {
      const text = vault.files[vaultPath];
      const context = vault.context(vaultPath);
      const diagnostics = vault.diagnostics(vaultPath);
      const seen = diagnostics.map((d) => findingOf(vaultPath, d));
      for (const diagnostic of diagnostics) {
        const code = String(diagnostic.code);
        const provider = isRuleCode(code) ? FIX_PROVIDERS[code] : undefined;
        if (!provider) continue;
        for (const fix of provider(context, diagnostic)) {
          if (fix.createNote) continue; // a new note: nothing of this one changes
          const where = `${vaultPath}: "${fix.title}" (${code})`;
          const fixed = assertExactResult(text, fix.edits, applyTextEdits(text, fix.edits), where);
          const after = vault.with({ [vaultPath]: fixed });
          const afterFindings = after.findings();
          const fixedLine = findingOf(vaultPath, diagnostic);
          const remaining = after
            .diagnostics(vaultPath)
            .filter((d) => findingOf(vaultPath, d) === fixedLine).length;
          assert.ok(remaining < count(seen, fixedLine), `${where}: the problem is still there`);
          // A fix that needs no choice (fix-all's) or that is preferred must bring nothing new
          // anywhere; the others are alternatives (which note a broken link meant, which side
          // of a mismatch is right) whose consequences are the author's choice.
          if (fix.unambiguous || fix.isPreferred)
            assert.deepEqual(newFindings(before, afterFindings), [], where);
          applied++;
        }
      }
    }
    assert.ok(applied >= 15, `only ${applied} quick fixes applied`);
  });

  it('applies fix-all exactly on each note, and on the whole vault in turn', function () {
    let current = vault;
    let fixedNotes = 0;
    for (const vaultPath of notes) {
      // Each note alone, on the vault as seeded.
      const edits = fixAllEdits(vault.context(vaultPath), vault.diagnostics(vaultPath));
      if (edits.length === 0) continue;
      const where = `${vaultPath}: fix-all`;
      const text = vault.files[vaultPath];
      const fixed = assertExactResult(text, edits, applyTextEdits(text, edits), where);
      assert.deepEqual(
        newFindings(before, vault.with({ [vaultPath]: fixed }).findings()),
        [],
        where,
      );
      fixedNotes++;
      // The same in turn, on the vault as the earlier notes' fix-all left it.
      const now = current.files[vaultPath];
      const inTurn = fixAllEdits(current.context(vaultPath), current.diagnostics(vaultPath));
      current = current.with({
        [vaultPath]: assertExactResult(
          now,
          inTurn,
          applyTextEdits(now, inTurn),
          `${where} in turn`,
        ),
      });
    }
    const after = current.findings();
    assert.deepEqual(newFindings(before, after), [], 'fix-all over the vault');
    const unambiguous = notes.reduce(
      (sum, p) => sum + unambiguousFixes(vault.context(p), vault.diagnostics(p)).length,
      0,
    );
    assert.ok(before.length - after.length >= Math.min(unambiguous, 1), 'fix-all fixed nothing');
    assert.ok(fixedNotes >= 3, `fix-all changed only ${fixedNotes} notes`);
  });

  it('renames every linked note exactly: Rename Symbol, and a file moved or renamed', function () {
    let renamed = 0;
    for (const vaultPath of notes) {
      const asked = renamePosition(vault, vaultPath);
      if (!asked) continue;
      const name = path.posix.basename(vaultPath, '.md');
      const where = `rename ${vaultPath}`;
      // Rename Symbol with a vault path: the note moves and keeps its name, so every finding
      // stays as it was.
      let edit: WorkspaceEdit;
      try {
        edit = renameNote(
          vault.context(asked.from).note,
          vault.index,
          asked.position,
          `/moved/${name}`,
        );
      } catch (error) {
        if (error instanceof RenameRefused) continue; // an ambiguous or malformed target
        throw error;
      }
      const moved = applyWorkspaceEdit(vault, edit, where);
      assert.equal(moved.moves[vaultPath], `moved/${name}.md`, where);
      assert.deepEqual(
        newFindings(before, vault.with(moved.texts, moved.moves).findings(), moved.moves),
        [],
        where,
      );

      // The file moved in the explorer (workspace/willRenameFiles), the same way.
      const movedPath = `elsewhere/${name}.md`;
      const move = applyWorkspaceEdit(
        vault,
        {
          changes: linkEditsForRenames(
            [{ oldUri: uriOf(vaultPath), newUri: uriOf(movedPath) }],
            vault.index,
          ),
        },
        `${where} (file moved)`,
      );
      const moves = { [vaultPath]: movedPath };
      assert.deepEqual(
        newFindings(before, vault.with(move.texts, moves).findings(), moves),
        [],
        `${where} (file moved)`,
      );

      // The file renamed: the links follow the new name, so no link breaks or becomes
      // ambiguous. (In this format a name means something: a tactic line names its tactic by
      // its link, so other findings may change with the name; that is renaming, not an edit.)
      const newPath = `${path.posix.dirname(vaultPath)}/${name} (ours).md`.replace(/^\.\//, '');
      const rename = applyWorkspaceEdit(
        vault,
        {
          changes: linkEditsForRenames(
            [{ oldUri: uriOf(vaultPath), newUri: uriOf(newPath) }],
            vault.index,
          ),
        },
        `${where} (file renamed)`,
      );
      const linkFindings = (lines: readonly string[], renames: Record<string, string>) =>
        lines
          .filter((line) => / link-(broken|ambiguous): /.test(line))
          .map((line) => {
            const [file] = line.split(': ');
            return `${renames[file] ?? file}: ${line.split(': ')[1]}`;
          })
          .sort();
      const renames = { [vaultPath]: newPath };
      assert.deepEqual(
        linkFindings(vault.with(rename.texts, renames).findings(), {}),
        linkFindings(before, renames),
        `${where} (file renamed)`,
      );
      renamed++;
    }
    assert.ok(renamed >= 5, `only ${renamed} notes renamed`);
  });
}
