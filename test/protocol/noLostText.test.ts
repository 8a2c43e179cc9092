import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  WillRenameFilesRequest,
  type ClientCapabilities,
  type CodeAction,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { MAX_PASSES } from '../../server/src/cli/check/fix/fixVault';
import { fixAllEdits } from '../../server/src/core/features/codeActions/fixAll';
import { FIX_PROVIDERS } from '../../server/src/core/features/codeActions/registry';
import { linkEditsForRenames } from '../../server/src/core/features/navigation/fileRenames';
import { isRuleCode } from '../../server/src/core/features/diagnostics/rules';
import { FIX_ALL_KIND } from '../../server/src/lsp/codeActionProtocol';
import { applyTextEdits } from '../../server/src/core/text/applyEdits';
import { spliceExactly } from '../support/exactEdits';
import { readVault, seedVault } from '../support/seededVault';
import {
  comparableFinding,
  newFindings,
  uriOf,
  VaultUnderTest,
} from '../unit/noLostText/vaultUnderTest';
import { fileUri, LspTestClient, repoRoot } from './support/lspTestClient';
import { VSCODE_CODE_ACTIONS } from '../support/editorCapabilities';

/**
 * No lost text through the built CLI: `attack-notes check --fix` over a vault with seeded mistakes
 * (test/support/seededVault.ts: LF, CRLF and mixed notes, with and without BOM) writes each note
 * exactly as fix-all's edits make it (computed here apart from the CLI, spliced by
 * test/support/exactEdits.ts), leaves every other file byte for byte and nothing beside them, and
 * a second check finds nothing new. A write that fails half-way leaves the note whole, says so and
 * fails the run: a disk that fills up (injected into the CLI's writes, and when the machine lets
 * us, a real full disk), and a folder nobody may write to (immutable: we run as root, for whom
 * chmod blocks nothing).
 */

const bin = path.join(repoRoot, 'bin', 'attack-notes.js');
const FAILING_WRITES = path.join(__dirname, 'support', 'failingWrites.cjs');

function cli(cwd: string, args: string[], env: Record<string, string> = {}, preload?: string) {
  const result = spawnSync(
    process.execPath,
    [...(preload ? ['--require', preload] : []), bin, 'check', ...args],
    { cwd, env: { ...process.env, ...env }, encoding: 'utf8' },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The findings of `check --format json` as the unit tests compare them. */
function findingsOf(cwd: string): string[] {
  const run = cli(cwd, ['vault', '--format', 'json']);
  const findings = JSON.parse(run.stdout) as { file: string; code: string; message: string }[];
  return findings.map((f) => comparableFinding(f.file.replace(/^vault\//, ''), f));
}

function writeVault(root: string, files: Record<string, string>): void {
  for (const [vaultPath, text] of Object.entries(files)) {
    const file = path.join(root, ...vaultPath.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, 'utf8');
  }
}

/** Every file under `root` by vault path, as bytes. */
function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const vaultPath = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(folder, entry.name), vaultPath);
      else files.set(vaultPath, fs.readFileSync(path.join(folder, entry.name)));
    }
  };
  walk(root, '');
  return files;
}

/**
 * What `check --fix` must write: each note in the CLI's order (by URI), fix-all's edits spliced in
 * until none are left (at most MAX_PASSES times), over the vault as the notes before left it.
 */
function expectedFix(files: Record<string, string>): Record<string, string> {
  let vault = new VaultUnderTest(files);
  for (const vaultPath of Object.keys(files).sort((a, b) => (uriOf(a) < uriOf(b) ? -1 : 1))) {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const edits = fixAllEdits(vault.context(vaultPath), vault.diagnostics(vaultPath));
      if (edits.length === 0) break;
      const text = spliceExactly(vault.files[vaultPath], edits, `${vaultPath}: fix-all`);
      vault = vault.with({ [vaultPath]: text });
    }
  }
  return { ...vault.files };
}

describe('protocol: no lost text through the built CLI (check --fix)', function () {
  this.timeout(180_000);
  const seeded = seedVault(readVault(path.join(repoRoot, 'examples', 'vault')));
  const expected = expectedFix(seeded.files);
  const changed = Object.keys(seeded.files).filter((p) => expected[p] !== seeded.files[p]);
  let work: string;
  let vaultRoot: string;

  beforeEach(function () {
    work = fs.mkdtempSync(path.join(tmpdir(), 'attack-notes-no-lost-text-'));
    vaultRoot = path.join(work, 'vault');
    writeVault(vaultRoot, seeded.files);
  });

  afterEach(function () {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('writes exactly fix-all’s edits, keeps line breaks and BOMs, and brings nothing new', function () {
    assert.ok(changed.length >= 4, `only ${changed.length} notes to fix`);
    const before = findingsOf(work);
    const run = cli(work, ['vault', '--fix']);
    assert.match(run.stdout, /^Fixed \d+ problems? in \d+ files?:/, run.stderr);
    const written = filesUnder(vaultRoot);
    assert.deepEqual([...written.keys()].sort(), Object.keys(seeded.files).sort(), 'no file added');
    for (const [vaultPath, bytes] of written) {
      assert.ok(bytes.equals(Buffer.from(expected[vaultPath], 'utf8')), `${vaultPath} as expected`);
    }
    const after = findingsOf(work);
    assert.deepEqual(newFindings(before, after), []);
    assert.ok(after.length < before.length, 'the fixed problems are gone');
  });

  it('leaves a note whole when the disk fills up half-way through writing it', function () {
    const victim = changed.find((p) => seeded.files[p].startsWith('\uFEFF')) ?? changed[0];
    const run = cli(
      work,
      ['vault', '--fix'],
      { ATTACK_NOTES_DISK_FULL_FOR: path.posix.basename(victim) },
      FAILING_WRITES,
    );
    assert.equal(run.code, 2, 'a note not written fails the run');
    assert.match(
      run.stderr,
      new RegExp(
        `cannot write vault/${escape(victim)} \\(ENOSPC: no space left on device[^)]*\\); it is unchanged`,
      ),
    );
    assertOnly([victim]);
  });

  it('leaves a note that an editor saved meanwhile with the editor’s text', function () {
    const victim = changed[changed.length - 1];
    const run = cli(
      work,
      ['vault', '--fix'],
      { ATTACK_NOTES_SAVED_MEANWHILE_FOR: path.posix.basename(victim) },
      FAILING_WRITES,
    );
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      new RegExp(
        `cannot write vault/${escape(victim)} \\(it changed on disk while it was being fixed\\)`,
      ),
    );
    const saved = fs.readFileSync(path.join(vaultRoot, ...victim.split('/')), 'utf8');
    assert.equal(saved, 'Saved by the editor.\n');
    assertOnly([victim], { [victim]: saved });
  });

  it('leaves the notes of a folder nobody may write to whole (immutable folder)', function () {
    const folder = path.posix.dirname(changed[0]);
    const absolute = path.join(vaultRoot, folder);
    // As root, a read-only mode blocks nothing; an immutable folder blocks even root.
    if (spawnSync('chattr', ['+i', absolute]).status !== 0) {
      console.log('      (skipped: chattr +i is not available here: not root, or not ext2/3/4)');
      this.skip();
    }
    let run;
    try {
      run = cli(work, ['vault', '--fix']);
    } finally {
      execFileSync('chattr', ['-i', absolute]);
    }
    assert.equal(run.code, 2);
    const blocked = changed.filter((p) => path.posix.dirname(p) === folder);
    for (const vaultPath of blocked)
      assert.match(
        run.stderr,
        new RegExp(`cannot write vault/${escape(vaultPath)} \\(.*\\); it is unchanged`),
      );
    assertOnly(blocked);
  });

  it('leaves a note whole on a real full disk (a small tmpfs), when mounting is allowed', function () {
    const disk = path.join(work, 'disk');
    fs.mkdirSync(disk);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]).status !== 0) {
      console.log('      (skipped: no permission to mount a tmpfs here)');
      this.skip();
    }
    try {
      const root = path.join(disk, 'vault');
      writeVault(root, seeded.files);
      // Fill what is left, to the last block.
      const filler = fs.openSync(path.join(disk, 'filler'), 'w');
      try {
        const block = Buffer.alloc(4096);
        for (;;) fs.writeSync(filler, block);
      } catch (error) {
        assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
      } finally {
        fs.closeSync(filler);
      }
      const run = cli(disk, ['vault', '--fix']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /cannot write .*\(ENOSPC[^)]*\); it is unchanged/);
      const left = filesUnder(root);
      assert.deepEqual([...left.keys()].sort(), Object.keys(seeded.files).sort(), 'no file added');
      // Each note is either as it was or exactly fixed; never anything in between.
      for (const [vaultPath, bytes] of left) {
        const text = bytes.toString('utf8');
        assert.ok(
          text === seeded.files[vaultPath] || text === expected[vaultPath],
          `${vaultPath} is whole`,
        );
      }
    } finally {
      execFileSync('umount', [disk]);
    }
  });

  /** The notes named are as `now` has them (as seeded); the others exactly fixed; none added. */
  function assertOnly(unwritten: string[], now: Record<string, string> = seeded.files): void {
    const written = filesUnder(vaultRoot);
    assert.deepEqual([...written.keys()].sort(), Object.keys(seeded.files).sort(), 'no file added');
    for (const [vaultPath, bytes] of written) {
      const want = unwritten.includes(vaultPath) ? now[vaultPath] : expected[vaultPath];
      assert.ok(bytes.equals(Buffer.from(want, 'utf8')), `${vaultPath}`);
    }
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** VS Code's declarations, as far as these edits go: lazy actions, versioned document edits. */
const EDITOR_CLIENT: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true },
    fileOperations: { willRename: true },
  },
  textDocument: {
    publishDiagnostics: { versionSupport: true },
    codeAction: VSCODE_CODE_ACTIONS,
  },
};

/** The text edits of one note in a workspace edit (documentChanges or changes). */
function noteEdits(edit: WorkspaceEdit | undefined | null, uri: string): TextEdit[] {
  const fromDocuments = (edit?.documentChanges ?? [])
    .filter((change): change is TextDocumentEdit => 'textDocument' in change)
    .filter((change) => change.textDocument.uri === uri)
    .flatMap((change) => change.edits);
  return [...fromDocuments, ...(edit?.changes?.[uri] ?? [])];
}

/**
 * The same edits through the built server, as VS Code asks for them: every quick fix the light
 * bulb offers on each seeded note (resolved for its edit) and fix-all, spliced into the note as
 * the editor would; each text must be what the core's fix makes of it (the unit tests check those
 * against the vault); and `workspace/willRenameFiles` for a renamed note, the same.
 */
describe('protocol: no lost text through the built server (quick fixes, fix-all, renames)', function () {
  this.timeout(180_000);
  const seeded = seedVault(readVault(path.join(repoRoot, 'examples', 'vault')));
  const core = new VaultUnderTest(seeded.files);
  let work: string;
  let client: LspTestClient;

  before(async function () {
    work = fs.mkdtempSync(path.join(tmpdir(), 'attack-notes-no-lost-text-lsp-'));
    writeVault(work, seeded.files);
    client = await LspTestClient.start({ workspaceFolders: [work], capabilities: EDITOR_CLIENT });
    await client.waitForIndex(60_000);
  });

  after(async function () {
    await client?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('offers the core’s fixes, exact, with line breaks and BOMs kept', async function () {
    let compared = 0;
    for (const vaultPath of Object.keys(seeded.seeded).sort()) {
      const uri = fileUri(path.join(work, ...vaultPath.split('/')));
      const text = seeded.files[vaultPath];
      const published = client.waitForDiagnostics(uri, (p) => p.version === 1);
      await client.open(uri, text);
      const { diagnostics } = await published;
      // What the core offers for the note, by title, as the note's text would become.
      const context = core.context(vaultPath);
      const expected = new Map<string, string>();
      for (const diagnostic of core.diagnostics(vaultPath)) {
        const code = String(diagnostic.code);
        const provider = isRuleCode(code) ? FIX_PROVIDERS[code] : undefined;
        for (const fix of provider?.(context, diagnostic) ?? []) {
          if (!fix.createNote) expected.set(fix.title, applyTextEdits(text, fix.edits));
        }
      }
      for (const diagnostic of diagnostics) {
        const actions = await client.request<CodeAction[]>(CodeActionRequest.method, {
          textDocument: { uri },
          range: diagnostic.range,
          context: { diagnostics: [diagnostic], only: ['quickfix'] },
        });
        for (const offered of actions ?? []) {
          const action = offered.edit
            ? offered
            : await client.request<CodeAction>(CodeActionResolveRequest.method, offered);
          const edits = noteEdits(action.edit, uri);
          if (edits.length === 0) continue; // a note to create
          const where = `${vaultPath}: "${action.title}" through the server`;
          const fixed = spliceExactly(text, edits, where);
          assert.equal(fixed, expected.get(action.title), where);
          compared++;
        }
      }
      const fixAll = await client.request<CodeAction[]>(CodeActionRequest.method, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics, only: [FIX_ALL_KIND] },
      });
      const coreFixAll = fixAllEdits(context, core.diagnostics(vaultPath));
      if (coreFixAll.length > 0) {
        assert.equal(fixAll.length, 1, `${vaultPath}: one fix-all`);
        const action = fixAll[0].edit
          ? fixAll[0]
          : await client.request<CodeAction>(CodeActionResolveRequest.method, fixAll[0]);
        assert.equal(
          spliceExactly(text, noteEdits(action.edit, uri), `${vaultPath}: fix-all`),
          spliceExactly(text, coreFixAll, `${vaultPath}: core fix-all`),
        );
        compared++;
      }
      await client.close(uri);
    }
    assert.ok(compared >= 20, `only ${compared} edits compared`);
  });

  it('rewrites links for a renamed file exactly (workspace/willRenameFiles)', async function () {
    let renamed = 0;
    for (const vaultPath of [
      'mitigations/Audit.md',
      'tactics/Execution.md',
      'techniques/Python.md',
    ]) {
      const newPath = vaultPath.replace(/\.md$/, ' (ours).md');
      const toUri = (p: string) => fileUri(path.join(work, ...p.split('/')));
      const edit = await client.request<WorkspaceEdit | null>(WillRenameFilesRequest.method, {
        files: [{ oldUri: toUri(vaultPath), newUri: toUri(newPath) }],
      });
      const coreEdits = linkEditsForRenames(
        [{ oldUri: uriOf(vaultPath), newUri: uriOf(newPath) }],
        core.index,
      );
      for (const linker of Object.keys(seeded.files)) {
        const server = noteEdits(edit, toUri(linker));
        const mine = coreEdits[uriOf(linker)] ?? [];
        const where = `rename ${vaultPath}: links in ${linker}`;
        assert.equal(
          spliceExactly(seeded.files[linker], server, where),
          spliceExactly(seeded.files[linker], mine, `${where} (core)`),
        );
        if (server.length > 0) renamed++;
      }
    }
    assert.ok(renamed >= 3, `only ${renamed} notes had links rewritten`);
  });
});
