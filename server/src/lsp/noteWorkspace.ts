import { lstatSync } from 'node:fs';
import path from 'node:path';
import {
  createExcludeMatcher,
  DEFAULT_EXCLUDES,
  isExcludedPath,
  markdownFilesIn,
  loadFoldersFromDisk,
  type ExcludeMatcher,
  type LoadReport,
} from '../core/index/diskVault';
import { isUnlinkedFolder, readNoteFile, type SkippedFile } from '../core/index/noteFiles';
import { canonicalUri, isMarkdownPath, pathFromUri, vaultPathOf } from '../core/index/vaultPaths';
import {
  encodeSummaryCache,
  readSummaryCache,
  writeSummaryCache,
} from '../core/index/summaryCache';
import { WorkspaceIndex, type IndexChange } from '../core/index/workspaceIndex';
import type { Note } from '../core/model/types';

export type ParseNote = (text: string, uri: string, version?: number) => Note;

/** What a disk read that the editor's text overruled changed in the index: nothing. */
const NO_CHANGE: IndexChange = { linkers: [], identityChanged: false };

export const enum FileChange {
  Created = 1,
  Changed = 2,
  Deleted = 3,
}

/**
 * Keeps the index in step with the two sources of truth: the editor's text for open notes, the
 * disk for every other note. Knows nothing of LSP; the server translates events into these calls.
 */
export class NoteWorkspace {
  private currentIndex: WorkspaceIndex;
  private readonly open = new Set<string>();
  private isExcluded: ExcludeMatcher;
  /** The disk has changed since the summary cache was last written (or it never was). */
  private cacheStale = true;
  /** Files skipped and warned about, with the reason: a log appended to every second warns once. */
  private readonly warnedSkips = new Map<string, SkippedFile['reason']>();

  /**
   * `summaryCache`, when given, is the file that keeps the index's summaries between sessions
   * (with the server version they were made by): read by `loadFromDisk`, written by `saveCache`.
   * `warnSkipped` hears of each file a file event names that is not read as a note (too large,
   * binary, a link leaving the workspace), once per file and reason; `loadFromDisk` reports the
   * ones of a whole reading in its report instead.
   */
  constructor(
    folderUris: readonly string[],
    private readonly parse: ParseNote,
    excludeGlobs: readonly string[] = [],
    private readonly summaryCache?: { file: string; version: string },
    private readonly warnSkipped: (skipped: SkippedFile) => void = () => undefined,
  ) {
    this.currentIndex = new WorkspaceIndex(folderUris, { parse });
    this.isExcluded = createExcludeMatcher([...DEFAULT_EXCLUDES, ...excludeGlobs]);
  }

  /** The index as it stands; replaced as a whole only by `rebuild`. */
  get index(): WorkspaceIndex {
    return this.currentIndex;
  }

  setExcludes(excludeGlobs: readonly string[]): void {
    this.isExcluded = createExcludeMatcher([...DEFAULT_EXCLUDES, ...excludeGlobs]);
  }

  async loadFromDisk(onProgress?: (done: number, total: number) => void): Promise<LoadReport> {
    const cacheRead = performance.now();
    const cache = this.summaryCache
      ? readSummaryCache(this.summaryCache.file, this.summaryCache.version)
      : undefined;
    const summaryCacheMs = performance.now() - cacheRead;
    const report = await loadFoldersFromDisk(this.index, {
      // The current excludes each time: `setExcludes` may be called while the vault loads.
      exclude: (vaultPath) => this.isExcluded(vaultPath),
      onProgress,
      cache,
    });
    if (this.summaryCache) report.timings.summaryCacheMs = summaryCacheMs;
    // Up to date only when every note came from it and it holds no note that has gone.
    this.cacheStale = report.fromCache !== report.notes || cache?.size !== report.notes;
    for (const skipped of report.skipped) this.warnedSkips.set(skipped.uri, skipped.reason);
    return report;
  }

  /**
   * Removes the closed notes that the current excludes leave out: notes read before the
   * client's exclude settings arrived (the server starts reading with the default excludes).
   * Returns how many were removed.
   */
  dropExcluded(): number {
    const excluded = [...this.index.notes()].filter(
      (note) => !this.open.has(note.uri) && isExcludedPath(this.isExcluded, note.vaultPath),
    );
    for (const note of excluded) this.index.removeNote(note.uri);
    if (excluded.length > 0) this.cacheStale = true;
    return excluded.length;
  }

  /**
   * Writes the summary cache if the disk changed since it was read or written. Returns the
   * reason when it could not be written (the next session then reads the notes again).
   */
  saveCache(): string | undefined {
    if (!this.summaryCache || !this.cacheStale) return undefined;
    const problem = writeSummaryCache(
      this.summaryCache.file,
      encodeSummaryCache(this.summaryCache.version, this.index.cachedSummaries()),
    );
    if (!problem) this.cacheStale = false;
    return problem;
  }

  /**
   * Indexes everything again (after the exclude settings changed): a fresh index from disk, then
   * the open notes' editor text on top. Swapped in only when complete, so requests never see half.
   */
  async rebuild(
    openDocuments: readonly { uri: string; text: string; version: number }[],
  ): Promise<LoadReport> {
    const fresh = new NoteWorkspace(this.currentIndex.folderUris, this.parse);
    fresh.isExcluded = this.isExcluded;
    const report = await fresh.loadFromDisk();
    for (const document of openDocuments)
      fresh.updateOpen(document.uri, document.text, document.version);
    this.currentIndex = fresh.currentIndex;
    this.cacheStale = true;
    return report;
  }

  isOpen(uri: string): boolean {
    return this.open.has(canonicalUri(uri));
  }

  openUris(): string[] {
    return [...this.open];
  }

  /** The editor's text is the truth for an open note, saved or not. */
  updateOpen(uri: string, text: string, version: number): IndexChange {
    const key = canonicalUri(uri);
    this.open.add(key);
    return this.index.setNote(this.parse(text, key, version));
  }

  /** A closed note goes back to its state on disk (unsaved edits are gone), or out if it has none. */
  async close(uri: string): Promise<IndexChange> {
    const key = canonicalUri(uri);
    this.open.delete(key);
    return this.reloadFromDisk(key);
  }

  /**
   * Applies `workspace/didChangeWatchedFiles`; a rename arrives as a delete and a create. A folder
   * event stands for the notes inside it: editors report a deleted folder without its files, and a
   * folder created with its files at once (a copy, a checkout) may come without events for them.
   */
  async applyFileChanges(
    changes: readonly { uri: string; type: FileChange }[],
  ): Promise<IndexChange[]> {
    // The last event per note decides (a note may also be reported twice: as a file, and as a
    // file of its folder), in the order the notes were first named.
    const latest = new Map<string, FileChange>();
    for (const change of changes) {
      for (const note of this.notesOfChange(canonicalUri(change.uri), change.type)) {
        latest.delete(note);
        latest.set(note, change.type);
      }
    }
    const results: IndexChange[] = [];
    let reads = 0;
    for (const [key, type] of latest) {
      // Reads are synchronous: a checkout that touches thousands of notes yields now and then.
      if (++reads % READS_BETWEEN_YIELDS === 0) await yieldToEventLoop();
      // The editor's text wins for open notes; their file is still what the summary cache keeps.
      if (this.open.has(key)) this.readOpenNoteFile(key, type);
      else if (type === FileChange.Deleted) {
        results.push(this.index.removeNote(key));
        this.cacheStale = true;
      } else results.push(await this.reloadFromDisk(key));
    }
    return results;
  }

  /**
   * Reads the file behind an open note (saved, or changed on disk while open) for the summary
   * cache, so a reopen does not read it again. Stamp first, as in `reloadFromDisk`. Read
   * synchronously (one note, on a save): a save just before shutdown then still reaches the cache.
   */
  private readOpenNoteFile(uri: string, type: FileChange): void {
    this.cacheStale = true;
    const read =
      type === FileChange.Deleted
        ? undefined
        : readDiskNote(pathFromUri(uri), this.folderPathOf(uri));
    if (read?.kind === 'note') this.index.setOpenNoteFile(uri, read.text, read.stamp);
    else this.index.setOpenNoteFile(uri, undefined, undefined);
  }

  /** The note URIs an event names: a note itself, or the notes of a created or deleted folder. */
  private notesOfChange(key: string, type: FileChange): string[] {
    if (isMarkdownPath(key)) return [key];
    if (type === FileChange.Changed) return [];
    // Folders and other files: only those inside a vault and not excluded (`.git` changes often).
    for (const folderUri of this.index.folderUris) {
      const vaultPath = vaultPathOf(key, folderUri);
      if (vaultPath === undefined || vaultPath === '') continue;
      if (isExcludedPath(this.isExcluded, vaultPath)) return [];
      if (type === FileChange.Deleted) {
        const prefix = `${key.replace(/\/+$/, '')}/`;
        return [...this.index.notes()]
          .map((note) => note.uri)
          .filter((uri) => uri.startsWith(prefix));
      }
      if (!isDirectory(pathFromUri(key))) return [];
      return markdownFilesIn(folderUri, this.isExcluded, vaultPath).map((listed) => listed.uri);
    }
    return [];
  }

  /** Whether a URI belongs in the index: a Markdown file not excluded in its vault. */
  isIndexable(uri: string): boolean {
    if (!isMarkdownPath(uri)) return false;
    for (const folderUri of this.index.folderUris) {
      const vaultPath = vaultPathOf(canonicalUri(uri), folderUri);
      if (vaultPath !== undefined) return !isExcludedPath(this.isExcluded, vaultPath);
    }
    return true;
  }

  /**
   * Indexes a closed note from disk again, or drops it when it is gone, excluded, unreadable or
   * not a note (see noteFiles.ts: too large, binary, a link leaving the workspace).
   */
  private async reloadFromDisk(uri: string): Promise<IndexChange> {
    if (!this.isIndexable(uri)) return this.index.removeNote(uri);
    this.cacheStale = true;
    // A note outside every folder was opened by the user by its own path: read where it is.
    const root = this.folderPathOf(uri);
    const read = readDiskNote(pathFromUri(uri), root);
    // The note may have been opened meanwhile (a close and a quick reopen, or a change on disk as
    // the editor opens it): the editor's text is then the truth, and the disk's older text must
    // not replace it.
    if (this.open.has(uri)) return NO_CHANGE;
    if (read.kind === 'skipped' && this.warnedSkips.get(uri) !== read.reason) {
      this.warnedSkips.set(uri, read.reason);
      this.warnSkipped({ uri, reason: read.reason });
    }
    if (read.kind !== 'note') return this.index.removeNote(uri);
    this.warnedSkips.delete(uri);
    // The stamp was taken before the read: a write in between leaves an older stamp, so the next
    // session reads the note again rather than trusting a summary of older text.
    return this.index.setText(uri, read.text, read.stamp);
  }

  /** The path of the workspace folder holding `uri`; undefined when it is in none. */
  private folderPathOf(uri: string): string | undefined {
    const key = canonicalUri(uri);
    const folderUri = this.index.folderUris.find(
      (folder) => vaultPathOf(key, folder) !== undefined,
    );
    return folderUri === undefined ? undefined : pathFromUri(folderUri);
  }
}

/** File events read this many notes between two yields to the event loop. */
const READS_BETWEEN_YIELDS = 64;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A note file as `readNoteFile` reads it, with a file that cannot be read (permissions, I/O)
 * treated as gone: the index holds only notes it can read, and the next event retries.
 */
function readDiskNote(file: string, root: string | undefined): ReturnType<typeof readNoteFile> {
  try {
    // A note inside a linked folder is not indexed: the listing never enters one either.
    const folder = root === undefined ? '' : path.relative(root, path.dirname(file));
    if (root !== undefined && !isUnlinkedFolder(root, folder.split(path.sep).join('/'))) {
      return { kind: 'absent' };
    }
    return readNoteFile(file, root);
  } catch {
    return { kind: 'absent' };
  }
}

/** A folder itself, not a link to one (linked folders are not entered). */
function isDirectory(file: string): boolean {
  try {
    return lstatSync(file).isDirectory();
  } catch {
    return false; // gone again, or unreadable: nothing to index
  }
}
