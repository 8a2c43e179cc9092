import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseNote } from '../../../server/src/core/model/parseNote';
import { FileChange, NoteWorkspace } from '../../../server/src/lsp/noteWorkspace';

/**
 * The workspace keeps open notes at the editor's text and closed ones at the disk's. A close
 * reads the disk asynchronously; a reopen that arrives before that read ends must win.
 */
describe('NoteWorkspace: open, close and disk reads', () => {
  let folder: string;
  let folderUri: string;
  let noteUri: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'attack-notes-workspace-'));
    folderUri = pathToFileURL(folder).href;
    writeFileSync(join(folder, 'Python.md'), 'on disk\n');
    noteUri = pathToFileURL(join(folder, 'Python.md')).href;
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function workspace(): NoteWorkspace {
    return new NoteWorkspace([folderUri], (text, uri, version) =>
      parseNote(text, uri, { version }),
    );
  }

  it('keeps the text of a note reopened while its close was still reading the disk', async () => {
    const notes = workspace();
    await notes.loadFromDisk();
    notes.updateOpen(noteUri, 'first edit\n', 1);
    const closing = notes.close(noteUri);
    notes.updateOpen(noteUri, 'reopened text\n', 1);
    await closing;
    assert.equal(notes.index.get(noteUri)?.note.text, 'reopened text\n');
    assert.ok(notes.isOpen(noteUri));
  });

  it('keeps the text of a note opened while a disk change was being read', async () => {
    const notes = workspace();
    await notes.loadFromDisk();
    writeFileSync(join(folder, 'Python.md'), 'changed on disk\n');
    const applying = notes.applyFileChanges([{ uri: noteUri, type: FileChange.Changed }]);
    notes.updateOpen(noteUri, 'typed in the editor\n', 1);
    await applying;
    assert.equal(notes.index.get(noteUri)?.note.text, 'typed in the editor\n');
  });

  it('goes back to the disk text when a note closes and stays closed', async () => {
    const notes = workspace();
    await notes.loadFromDisk();
    notes.updateOpen(noteUri, 'unsaved\n', 1);
    await notes.close(noteUri);
    assert.equal(notes.index.get(noteUri)?.note.text, 'on disk\n');
    assert.ok(!notes.isOpen(noteUri));
  });

  /** What the summary cache would keep of the note: [stamp size, identity] or undefined. */
  function cachedNote(notes: NoteWorkspace): [number, string | undefined] | undefined {
    const cached = new Map(notes.index.cachedSummaries()).get(noteUri);
    return cached && [cached.stamp.size, cached.summary.identity?.id];
  }

  it('caches an open note as its file: as opened, as saved while open, and not once deleted', async () => {
    writeFileSync(join(folder, 'Python.md'), '## T1059.006\n');
    const notes = workspace();
    await notes.loadFromDisk();
    notes.updateOpen(noteUri, '## T1059.006\n', 1);
    assert.deepEqual(cachedNote(notes), [13, 'T1059.006']);
    // Unsaved edits: the cache keeps the file.
    notes.updateOpen(noteUri, '## T1059\n\nunsaved\n', 2);
    assert.deepEqual(cachedNote(notes), [13, 'T1059.006']);
    // Saved: the file changes, the editor's text stays what the index answers from.
    writeFileSync(join(folder, 'Python.md'), '## T1059\n\nsaved\n');
    await notes.applyFileChanges([{ uri: noteUri, type: FileChange.Changed }]);
    assert.deepEqual(cachedNote(notes), [16, 'T1059']);
    assert.equal(notes.index.get(noteUri)?.text, '## T1059\n\nunsaved\n');
    // Further edits keep the saved file's summary.
    notes.updateOpen(noteUri, '## T1059\n\nunsaved again\n', 3);
    assert.deepEqual(cachedNote(notes), [16, 'T1059']);
    rmSync(join(folder, 'Python.md'));
    await notes.applyFileChanges([{ uri: noteUri, type: FileChange.Deleted }]);
    assert.equal(cachedNote(notes), undefined);
    assert.ok(notes.index.get(noteUri), 'the open note stays in the index');
  });
});
