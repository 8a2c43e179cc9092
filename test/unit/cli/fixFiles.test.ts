import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ChangedMeanwhile,
  NODE_FILE_SYSTEM,
  writeFileAtomically,
  type WriteFileSystem,
} from '../../../server/src/cli/check/fix/atomicWrite';
import { unifiedDiff } from '../../../server/src/cli/check/fix/unifiedDiff';

describe('check --fix: atomic writes', function () {
  let work: string;
  beforeEach(() => (work = fs.mkdtempSync(path.join(tmpdir(), 'attack-notes-write-'))));
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  it('replaces the file, keeps its permissions and leaves nothing beside it', function () {
    const file = path.join(work, 'Note.md');
    fs.writeFileSync(file, 'old\n', { mode: 0o640 });
    writeFileAtomically(file, '\uFEFFnew\r\n');
    assert.deepEqual(fs.readFileSync(file), Buffer.from('\uFEFFnew\r\n', 'utf8'));
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(work), ['Note.md']);
  });

  it('leaves a file that no longer holds the text that was fixed (saved meanwhile)', function () {
    const file = path.join(work, 'Note.md');
    fs.writeFileSync(file, '\uFEFFfixed from this\r\n');
    writeFileAtomically(file, '\uFEFFfixed\r\n', NODE_FILE_SYSTEM, '\uFEFFfixed from this\r\n');
    assert.equal(fs.readFileSync(file, 'utf8'), '\uFEFFfixed\r\n');
    fs.writeFileSync(file, 'saved by the editor\n');
    assert.throws(
      () => writeFileAtomically(file, 'fixed\n', NODE_FILE_SYSTEM, 'fixed from this\n'),
      ChangedMeanwhile,
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'saved by the editor\n');
    assert.deepEqual(fs.readdirSync(work), ['Note.md']);
  });

  for (const failing of ['writeFileSync', 'renameSync'] as const) {
    it(`leaves the original intact and no temporary file when ${failing} fails`, function () {
      const file = path.join(work, 'Note.md');
      fs.writeFileSync(file, 'original\n');
      const system: WriteFileSystem = {
        ...NODE_FILE_SYSTEM,
        [failing]: (...args: unknown[]) => {
          if (failing === 'writeFileSync') {
            // A disk that fills up: part of the text is written, then the write fails.
            fs.writeFileSync(args[0] as string, 'parti');
          }
          throw new Error(`${failing} failed`);
        },
      };
      assert.throws(
        () => writeFileAtomically(file, 'new\n', system),
        new RegExp(`${failing} failed`),
      );
      assert.equal(fs.readFileSync(file, 'utf8'), 'original\n');
      assert.deepEqual(fs.readdirSync(work), ['Note.md']);
    });
  }
});

describe('check --fix-dry-run: unified diffs', function () {
  it('is empty for equal texts', function () {
    assert.equal(unifiedDiff('a.md', 'x\n', 'x\n'), '');
  });

  it('merges changes up to six lines apart into one hunk, with three lines of context', function () {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 5\n', 'line five\n').replace('line 11\n', 'line eleven\n');
    assert.equal(
      unifiedDiff('v/a.md', before, after),
      [
        '--- a/v/a.md',
        '+++ b/v/a.md',
        '@@ -2,13 +2,13 @@',
        ' line 2',
        ' line 3',
        ' line 4',
        '-line 5',
        '+line five',
        ' line 6',
        ' line 7',
        ' line 8',
        ' line 9',
        ' line 10',
        '-line 11',
        '+line eleven',
        ' line 12',
        ' line 13',
        ' line 14',
        '',
      ].join('\n'),
    );
    const far = before.replace('line 5\n', 'line five\n').replace('line 15\n', 'line fifteen\n');
    assert.match(unifiedDiff('v/a.md', before, far), /@@ -2,7 \+2,7 @@[^]*@@ -12,7 \+12,7 @@/);
  });

  it('marks a last line without a line break, and keeps CRLF in the lines', function () {
    assert.equal(
      unifiedDiff('a.md', 'a\r\nb', 'a\r\nc\r\n'),
      '--- a/a.md\n+++ b/a.md\n@@ -1,2 +1,2 @@\n a\r\n-b\n\\ No newline at end of file\n+c\r\n',
    );
  });

  it('writes an insertion into an empty file as diff does', function () {
    assert.equal(unifiedDiff('a.md', '', 'x\n'), '--- a/a.md\n+++ b/a.md\n@@ -0,0 +1 @@\n+x\n');
  });
});
