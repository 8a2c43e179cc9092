// Files that fight back: a vault on a real temporary folder holding what vaults end up holding
// (unreadable files, files that vanish or change while the vault is read, symbolic-link loops and
// links that leave the workspace, binary files and huge files named `.md`, FIFOs, odd names). The
// index must stay consistent, nothing may hang or throw, and `attack-notes check` must read the
// same notes as the editor's index.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs, {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { loadFoldersFromDisk, type LoadReport } from '../../../server/src/core/index/diskVault';
import {
  BINARY_SNIFF_CHARS,
  MAX_NOTE_FILE_BYTES,
  readNoteFile,
  type SkippedFile,
} from '../../../server/src/core/index/noteFiles';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { FileChange, NoteWorkspace } from '../../../server/src/lsp/noteWorkspace';
import { catalogKnowledgeBase } from '../kb/attackData';
import { runCheckInProcess } from '../cli/runCheckInProcess';
import { runLayer } from '../../../server/src/cli/layer';

const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const SECRET = 'outside the workspace: never read';

/** Names a vault may hold; the newline only where the file system takes it. */
const ODD_NAMES = [
  'notes/with space.md',
  'notes/100% done.md',
  'notes/%E0%A4%A.md',
  'notes/hash#tag.md',
  'notes/Antivirus／Antimalware.md',
  'notes/café.md',
  'notes/[brackets] & (parens).md',
  "notes/quote'back`tick.md",
  'notes/line\nbreak.md',
];

describe('files that fight back', () => {
  let vault: string;
  let outside: string;
  const file = (vaultPath: string) => path.join(vault, ...vaultPath.split('/'));
  const uri = (vaultPath: string) => URI.file(file(vaultPath)).toString();
  const write = (vaultPath: string, content: string | Buffer) => {
    mkdirSync(path.dirname(file(vaultPath)), { recursive: true });
    writeFileSync(file(vaultPath), content);
  };
  const parse = (text: string, noteUri: string, version?: number) =>
    parseNote(text, noteUri, { version });
  const workspace = (warnings: SkippedFile[] = []) =>
    new NoteWorkspace([URI.file(vault).toString()], parse, [], undefined, (skipped) =>
      warnings.push(skipped),
    );
  const reasons = (skipped: readonly SkippedFile[]) =>
    skipped.map((s) => `${path.relative(vault, URI.parse(s.uri).fsPath)}: ${s.reason}`).sort();
  let oddNames: string[];

  beforeEach(() => {
    vault = mkdtempSync(path.join(tmpdir(), 'attack-notes-fight-'));
    outside = mkdtempSync(path.join(tmpdir(), 'attack-notes-outside-'));
    writeFileSync(path.join(outside, 'Secret.md'), `# Secret\n\n${SECRET}\n`);
    write('notes/Plain.md', '# Plain\n\nSee [[with space]] and [[café]].\n');
    oddNames = ODD_NAMES.filter((name) => {
      try {
        write(name, `# ${path.basename(name)}\n`);
        return true;
      } catch {
        return false; // a file system that refuses the name (a newline on some)
      }
    });
  });
  afterEach(() => {
    rmSync(vault, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('indexes notes with odd names under their own paths, and follows their changes', async () => {
    const notes = workspace();
    const report = await notes.loadFromDisk();
    assert.deepEqual(report.failures, []);
    assert.equal(report.notes, oddNames.length + 1);
    for (const name of oddNames) {
      assert.equal(notes.index.get(uri(name))?.vaultPath, name, name);
    }
    // The editor names changed and deleted files by its own URI spelling (vscode-uri's).
    for (const name of oddNames) {
      write(name, `# changed\n\n${name}\n`);
      await notes.applyFileChanges([{ uri: uri(name), type: FileChange.Changed }]);
      assert.ok(notes.index.get(uri(name))?.note.text.endsWith(`${name}\n`), name);
    }
    for (const name of oddNames) {
      unlinkSync(file(name));
      await notes.applyFileChanges([{ uri: uri(name), type: FileChange.Deleted }]);
      assert.equal(notes.index.get(uri(name)), undefined, name);
    }
    assert.equal(notes.index.size, 1);
  });

  it('skips binary and huge .md files with a reason, and reads a note with a late NUL', async () => {
    write('assets/Diagram.md', Buffer.concat([PNG_HEADER, Buffer.alloc(64, 7)]));
    write('exports/Huge.md', '');
    truncateSync(file('exports/Huge.md'), MAX_NOTE_FILE_BYTES + 1); // sparse: nothing is written
    const lateNul = `# Late\n\n${'x'.repeat(BINARY_SNIFF_CHARS)}\0 pasted\n`;
    write('notes/Late NUL.md', lateNul);
    const notes = workspace();
    const report = await notes.loadFromDisk();
    assert.deepEqual(reasons(report.skipped), [
      'assets/Diagram.md: binary',
      'exports/Huge.md: too-large',
    ]);
    assert.deepEqual(report.failures, []);
    assert.equal(notes.index.get(uri('assets/Diagram.md')), undefined);
    assert.equal(notes.index.get(uri('exports/Huge.md')), undefined);
    assert.equal(notes.index.get(uri('notes/Late NUL.md'))?.note.text, lateNul);
    assert.equal(report.notes, notes.index.size);
  });

  it('warns once about a file that turns huge or binary, and drops it from the index', async () => {
    const warnings: SkippedFile[] = [];
    const notes = workspace(warnings);
    await notes.loadFromDisk();
    const changed = [{ uri: uri('notes/Plain.md'), type: FileChange.Changed }];
    truncateSync(file('notes/Plain.md'), MAX_NOTE_FILE_BYTES + 10);
    await notes.applyFileChanges(changed);
    truncateSync(file('notes/Plain.md'), MAX_NOTE_FILE_BYTES + 20); // a log that keeps growing
    await notes.applyFileChanges(changed);
    assert.equal(notes.index.get(uri('notes/Plain.md')), undefined);
    writeFileSync(file('notes/Plain.md'), PNG_HEADER);
    await notes.applyFileChanges(changed);
    assert.deepEqual(reasons(warnings), ['notes/Plain.md: binary', 'notes/Plain.md: too-large']);
    writeFileSync(file('notes/Plain.md'), '# Plain again\n');
    await notes.applyFileChanges(changed);
    assert.equal(notes.index.get(uri('notes/Plain.md'))?.note.text, '# Plain again\n');
  });

  it('follows a link to a note inside the workspace, never one leaving it, and stops on loops', async () => {
    symlinkSync(file('notes/Plain.md'), file('notes/Linked plain.md'));
    symlinkSync(path.join(outside, 'Secret.md'), file('notes/Secret.md'));
    symlinkSync(outside, file('outside folder')); // a folder outside: not entered
    symlinkSync(vault, file('notes/up')); // a folder above: entering it would loop
    mkdirSync(file('loops'));
    symlinkSync(file('loops/Self.md'), file('loops/Self.md')); // a link to itself
    symlinkSync(file('loops/B.md'), file('loops/A.md'));
    symlinkSync(file('loops/A.md'), file('loops/B.md'));
    symlinkSync(file('notes/Missing.md'), file('notes/Dangling.md'));

    const notes = workspace();
    const report = await notes.loadFromDisk();
    assert.deepEqual(reasons(report.skipped), [
      'loops/A.md: symlink-loop',
      'loops/B.md: symlink-loop',
      'loops/Self.md: symlink-loop',
      'notes/Secret.md: symlink-outside',
    ]);
    assert.deepEqual(report.failures, []);
    assert.equal(
      notes.index.get(uri('notes/Linked plain.md'))?.note.text,
      notes.index.get(uri('notes/Plain.md'))?.note.text,
    );
    const texts = [...notes.index.notes()].map((note) => note.note.text);
    assert.ok(!texts.some((text) => text.includes(SECRET)), 'nothing from outside is read');
    assert.ok(
      [...notes.index.notes()].every((note) => !note.vaultPath.startsWith('notes/up/')),
      'the folder link to the vault itself is not entered',
    );
    assert.equal(report.notes, notes.index.size);
    assert.equal(report.notes, oddNames.length + 2);

    // Links created later, reported by the file watcher, are vetted the same way: a link to a
    // note outside, a linked folder, and a note named through the linked folder.
    symlinkSync(path.join(outside, 'Secret.md'), file('notes/Later secret.md'));
    symlinkSync(outside, file('notes/Later folder'));
    await notes.applyFileChanges([
      { uri: uri('notes/Later secret.md'), type: FileChange.Created },
      { uri: uri('notes/Later folder'), type: FileChange.Created },
      { uri: uri('notes/Later folder/Secret.md'), type: FileChange.Created },
      { uri: uri('outside folder/Secret.md'), type: FileChange.Changed },
    ]);
    assert.equal(notes.index.size, report.notes);
    const textsNow = [...notes.index.notes()].map((note) => note.note.text);
    assert.ok(!textsNow.some((text) => text.includes(SECRET)), 'nothing from outside is read');
  });

  it('does not hang on a FIFO named .md, listed or reported by the watcher', async function () {
    try {
      execFileSync('mkfifo', [file('notes/Pipe.md')]);
    } catch {
      this.skip(); // no mkfifo here (not Linux or macOS)
    }
    symlinkSync(file('notes/Pipe.md'), file('notes/Pipe link.md'));
    const notes = workspace();
    const report = await notes.loadFromDisk();
    assert.equal(report.notes, oddNames.length + 1);
    await notes.applyFileChanges([
      { uri: uri('notes/Pipe.md'), type: FileChange.Created },
      { uri: uri('notes/Pipe link.md'), type: FileChange.Created },
    ]);
    assert.equal(notes.index.get(uri('notes/Pipe.md')), undefined);
    assert.equal(notes.index.size, oddNames.length + 1);
  });

  it('reports an unreadable file and reads the rest; a file event for it drops it', async () => {
    // Root reads files whatever their mode (these tests often run as root in CI containers), so
    // there the refusal is injected where the reader calls the file system.
    await withUnreadable(file('notes/with space.md'), async () => {
      const notes = workspace();
      const report = await notes.loadFromDisk();
      assert.deepEqual(
        report.failures.map((failure) => failure.uri),
        [uri('notes/with space.md')],
      );
      assert.match(report.failures[0].message, /EACCES/);
      assert.equal(report.notes, oddNames.length);
      assert.equal(notes.index.size, report.notes);
      // Opened and closed in the editor, the unreadable note leaves the index again.
      notes.updateOpen(uri('notes/with space.md'), '# typed\n', 1);
      await notes.close(uri('notes/with space.md'));
      assert.equal(notes.index.get(uri('notes/with space.md')), undefined);
    });
  });

  it('copes with files deleted, replaced or changed between the listing and the read', async () => {
    write('notes/Gone.md', '# Gone\n');
    write('notes/Folder now.md', '# Folder\n');
    write('notes/Grows.md', '# Grows\n');
    write('notes/Escapes.md', '# Escapes\n');
    // The loader asks the exclude matcher about each file once when listing and once right
    // before reading it: the second question is the moment to pull the rug.
    const asked = new Map<string, number>();
    const sabotage: Record<string, () => void> = {
      'notes/Gone.md': () => unlinkSync(file('notes/Gone.md')),
      'notes/Folder now.md': () => {
        unlinkSync(file('notes/Folder now.md'));
        mkdirSync(file('notes/Folder now.md'));
      },
      'notes/Grows.md': () => truncateSync(file('notes/Grows.md'), MAX_NOTE_FILE_BYTES + 1),
      'notes/Escapes.md': () => {
        unlinkSync(file('notes/Escapes.md'));
        symlinkSync(path.join(outside, 'Secret.md'), file('notes/Escapes.md'));
      },
    };
    const index = new WorkspaceIndex([URI.file(vault).toString()]);
    const report: LoadReport = await loadFoldersFromDisk(index, {
      batchSize: 1,
      exclude: (vaultPath) => {
        const times = (asked.get(vaultPath) ?? 0) + 1;
        asked.set(vaultPath, times);
        if (times === 2) sabotage[vaultPath]?.();
        return false;
      },
    });
    assert.deepEqual(report.failures, []);
    assert.deepEqual(reasons(report.skipped), [
      'notes/Escapes.md: symlink-outside',
      'notes/Grows.md: too-large',
    ]);
    for (const name of Object.keys(sabotage)) assert.equal(index.get(uri(name)), undefined, name);
    assert.equal(report.notes, oddNames.length + 1);
    assert.equal(index.size, report.notes);
  });

  it('attack-notes check and layer read the same notes and warn about the same files', async () => {
    write('assets/Diagram.md', PNG_HEADER);
    write('exports/Huge.md', '');
    truncateSync(file('exports/Huge.md'), MAX_NOTE_FILE_BYTES + 1);
    write('notes/Broken.md', '# Broken\n\n[[Nowhere]]\n');
    symlinkSync(path.join(outside, 'Secret.md'), file('notes/Secret.md'));
    mkdirSync(file('loops'));
    symlinkSync(file('loops/A.md'), file('loops/A.md'));
    symlinkSync(file('notes/Broken.md'), file('notes/Linked broken.md'));
    const editor = await workspace().loadFromDisk();

    const result = await runCheckInProcess(vault, ['.', '--format', 'json'], catalogKnowledgeBase);
    const checked = new Set((JSON.parse(result.stdout) as { file: string }[]).map((f) => f.file));
    assert.ok(checked.has('notes/Broken.md') && checked.has('notes/Linked broken.md'));
    const warned = result.stderr
      .split('\n')
      .filter((line) => line.includes('skipped'))
      .map((line) => /skipped (.*?): /.exec(line)?.[1])
      .sort();
    const skippedByEditor = reasons(editor.skipped).map((line) => line.slice(0, line.indexOf(':')));
    assert.deepEqual(warned, skippedByEditor);
    assert.equal(skippedByEditor.length, 4);
    for (const skipped of skippedByEditor) assert.ok(!checked.has(skipped), skipped);
    assert.ok(!result.stderr.includes('cannot read'), result.stderr);
    assert.notEqual(result.code, 2, 'skipped files do not count as unreadable');
    // `attack-notes layer` reads the vault as the editor does, and names the same files.
    let layerErrors = '';
    const layerCode = await runLayer([vault], {
      cwd: vault,
      stdout: () => undefined,
      stderr: (text) => (layerErrors += text),
      loadKnowledgeBase: catalogKnowledgeBase,
    });
    assert.equal(layerCode, 0, layerErrors);
    const layerSkipped = [...layerErrors.matchAll(/skipped (.*?): /g)].map((match) =>
      path.relative(vault, match[1]),
    );
    assert.deepEqual(layerSkipped.sort(), skippedByEditor);
    // The direct reader, as check's threads call it, agrees on each of those files.
    assert.equal(readNoteFile(file('assets/Diagram.md')).kind, 'skipped');
    assert.equal(readNoteFile(file('notes/Plain.md')).kind, 'note');
  });
});

/** Runs `body` while `target` cannot be read: by its mode, or for root by an injected refusal. */
async function withUnreadable(target: string, body: () => Promise<void>): Promise<void> {
  if (process.getuid?.() !== 0) {
    chmodSync(target, 0o000);
    try {
      await body();
    } finally {
      chmodSync(target, 0o644);
    }
    return;
  }
  const original = fs.readFileSync;
  const refusing = ((...args: Parameters<typeof fs.readFileSync>) => {
    if (path.resolve(String(args[0])) === target) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${target}'`), {
        code: 'EACCES',
      });
    }
    return original(...args);
  }) as typeof fs.readFileSync;
  fs.readFileSync = refusing;
  try {
    await body();
  } finally {
    fs.readFileSync = original;
  }
}
