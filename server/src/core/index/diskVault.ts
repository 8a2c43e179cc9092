import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  isUnlinkedFolder,
  readNoteFile,
  stampNoteFile,
  vetSymlink,
  type SkippedFile,
  type SkipReason,
} from './noteFiles';
import { isMarkdownPath, pathFromUri, uriOfFileInFolder } from './vaultPaths';
import type { CachedSummary, DiskStamp } from './summaryCache';
import type { WorkspaceIndex } from './workspaceIndex';

/** Folders that are never notes, whatever the settings say. */
export const DEFAULT_EXCLUDES = ['**/.git', '**/.obsidian', '**/.trash', '**/node_modules'];

/** A predicate over vault paths (`/` separators, relative to the vault root). */
export type ExcludeMatcher = (vaultPath: string) => boolean;

/** Globs as VS Code's `files.exclude` takes them (`**` spans folders, dot files match). */
export function createExcludeMatcher(allGlobs: readonly string[]): ExcludeMatcher {
  // An empty glob (`"attackNotes.exclude": [""]`, or `!`) matches nothing, and picomatch throws on
  // one: it is left out rather than failing every reading of the vault.
  const globs = allGlobs.filter((glob) => glob !== '' && glob !== '!');
  if (globs.length === 0) return () => false;
  // One pattern for all globs: every file of the vault is tested, and one regular expression
  // costs a quarter of four.
  // (A negated glob is matched on its own: its meaning is not in the pattern's source.)
  const options = { dot: true, nocase: true };
  const plain = globs.filter((glob) => !glob.startsWith('!'));
  const negated = globs.filter((glob) => glob.startsWith('!')).map((g) => picomatch(g, options));
  const sources = plain.map((glob) => `(?:${picomatch.makeRe(glob, options).source})`);
  const combined = sources.length > 0 ? new RegExp(sources.join('|'), 'i') : undefined;
  return (vaultPath) =>
    (combined?.test(vaultPath) ?? false) || negated.some((matches) => matches(vaultPath));
}

/**
 * Whether a vault path is excluded itself or lies in an excluded folder: a folder glob (VS Code's
 * default `files.exclude` entries are such globs) matches the folder, not the notes inside it.
 * (Walking the folders, `listMarkdownFiles` asks of each entry once.)
 */
export function isExcludedPath(isExcluded: ExcludeMatcher, vaultPath: string): boolean {
  if (isExcluded(vaultPath)) return true;
  for (
    let slash = vaultPath.indexOf('/');
    slash !== -1;
    slash = vaultPath.indexOf('/', slash + 1)
  ) {
    if (isExcluded(vaultPath.slice(0, slash))) return true;
  }
  return false;
}

/** A file the listing found but does not return, by vault path. */
export interface SkippedPath {
  vaultPath: string;
  reason: SkipReason;
}

/**
 * Every Markdown file under `root` (or only under its sub-folder `within`, a vault path), as vault
 * paths, skipping excluded files and folders. A symbolic link named like a note is listed when it
 * leads to a file inside `root`; one that leads outside or loops goes to `skipped` instead. Linked
 * folders are not entered: every folder inside `root` is listed by its own path already, and a
 * link to a folder above would loop.
 */
export function listMarkdownFiles(
  root: string,
  isExcluded: ExcludeMatcher,
  within = '',
  skipped?: SkippedPath[],
): string[] {
  const found: string[] = [];
  if (within !== '' && isExcluded(within)) return found;
  // A folder a file event names may lie inside a linked folder, which the listing never enters.
  if (!isUnlinkedFolder(root, within)) return found;
  const pending = [within];
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    let entries: Dirent[];
    try {
      // Synchronous: one call per folder, where the promise API's thread-pool round trip cost
      // more than the read itself (bench: listing the 921-note vault took 16 ms, now ~6 ms).
      entries = readdirSync(path.join(root, relativeDir), { withFileTypes: true });
    } catch {
      continue; // vanished or unreadable: the watcher will tell us if it comes back
    }
    for (const entry of entries) {
      const vaultPath = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
      if (isExcluded(vaultPath)) continue;
      if (entry.isDirectory()) pending.push(vaultPath);
      else if (!isMarkdownPath(entry.name)) continue;
      else if (entry.isFile()) found.push(vaultPath);
      else if (entry.isSymbolicLink()) {
        const verdict = vetLinkQuietly(path.join(root, vaultPath), root);
        if (verdict === 'file') found.push(vaultPath);
        else if (verdict !== 'absent') skipped?.push({ vaultPath, reason: verdict });
      }
    }
  }
  return found.sort();
}

/** `vetSymlink`, with a link that cannot be examined (permissions) left out like a vanished one. */
function vetLinkQuietly(file: string, root: string): ReturnType<typeof vetSymlink> {
  try {
    return vetSymlink(file, root);
  } catch {
    return 'absent';
  }
}

/** A Markdown file of a workspace folder, named each way the index needs. */
export interface ListedFile {
  file: string;
  uri: string;
  vaultPath: string;
  /** The workspace folder's path: symbolic links are followed only to files inside it. */
  root: string;
}

/**
 * `listMarkdownFiles` of a workspace folder (or of its sub-folder `within`), with each file's
 * path and URI.
 */
export function markdownFilesIn(
  folderUri: string,
  isExcluded: ExcludeMatcher,
  within = '',
  skipped?: SkippedFile[],
): ListedFile[] {
  const root = pathFromUri(folderUri);
  const skippedPaths: SkippedPath[] = [];
  const listed = listMarkdownFiles(root, isExcluded, within, skippedPaths).map((vaultPath) => {
    const file = fileInFolder(root, vaultPath);
    return { file, uri: uriOfFileInFolder(folderUri, vaultPath, file), vaultPath, root };
  });
  for (const { vaultPath, reason } of skippedPaths) {
    const file = fileInFolder(root, vaultPath);
    skipped?.push({ uri: uriOfFileInFolder(folderUri, vaultPath, file), reason });
  }
  return listed;
}

export interface LoadOptions {
  /**
   * Asked when the folders are listed and again before each file is read, so excludes that
   * arrive while the vault loads (the server starts reading before the client's settings come)
   * spare the files not read yet.
   */
  exclude?: ExcludeMatcher;
  /** Called now and then while files are read and parsed. */
  onProgress?: (done: number, total: number) => void;
  /** Files read between two yields to the event loop (requests are answered in between). */
  batchSize?: number;
  /** Summaries from an earlier session (see summaryCache.ts), by note URI. */
  cache?: ReadonlyMap<string, CachedSummary>;
}

export interface LoadReport {
  notes: number;
  /** Notes indexed from the summary cache, unread. */
  fromCache: number;
  /** Files that could not be read, with the reason. */
  failures: { uri: string; message: string }[];
  /** Files named like notes that are not read as notes (too large, binary, links that leave). */
  skipped: SkippedFile[];
  /** Where the load's time went (the server's start-up trace, docs/performance.md). */
  timings: LoadTimings;
}

/** Milliseconds spent in each step of a load, summed over the files. */
export interface LoadTimings {
  /** Listing the folders (and naming each file's path and URI). */
  listMs: number;
  /** Reading: each file's stamp and, unless its cached summary serves, its text. */
  readMs: number;
  /** Indexing: each note's summary scan and index entry (or its cached summary's entry). */
  indexMs: number;
  /** Reading the summary cache of an earlier session, when the caller read one. */
  summaryCacheMs?: number;
}

/**
 * Reads every note of the index's folders from disk into the index. The index summarises each
 * note (identity, aliases, link targets) and builds full models only when asked.
 */
export async function loadFoldersFromDisk(
  index: WorkspaceIndex,
  options: LoadOptions = {},
): Promise<LoadReport> {
  const isExcluded = options.exclude ?? createExcludeMatcher(DEFAULT_EXCLUDES);
  const skipped: SkippedFile[] = [];
  const listed = performance.now();
  const files = index.folderUris.flatMap((folderUri) =>
    markdownFilesIn(folderUri, isExcluded, '', skipped),
  );
  const timings: LoadTimings = { listMs: performance.now() - listed, readMs: 0, indexMs: 0 };
  const failures: LoadReport['failures'] = [];
  // Synchronous reads in batches: a promise-based readFile costs several thread-pool round trips
  // per file (open, fstat, read, close), about five times a readFileSync of a note of a few KB
  // (bench: 921 notes read in ~25 ms instead of ~125 ms). Yielding between batches keeps the server
  // answering requests while a large vault loads.
  const batchSize = options.batchSize ?? 64;
  let fromCache = 0;
  let notes = 0;
  for (let done = 1; done <= files.length; done++) {
    const { file, uri, vaultPath, root } = files[done - 1];
    try {
      // Asked again: the excludes may have changed since the listing (see LoadOptions.exclude).
      const outcome = isExcludedPath(isExcluded, vaultPath)
        ? 'absent'
        : readNote(index, file, root, uri, options.cache, timings);
      if (outcome === 'cached' || outcome === 'read') notes++;
      if (outcome === 'cached') fromCache++;
      else if (outcome !== 'read' && outcome !== 'absent') skipped.push({ uri, reason: outcome });
    } catch (error) {
      failures.push({ uri, message: error instanceof Error ? error.message : String(error) });
    }
    if (options.onProgress && (done % 200 === 0 || done === files.length)) {
      options.onProgress(done, files.length);
    }
    if (done % batchSize === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { notes, fromCache, failures, skipped, timings };
}

/**
 * Indexes one note file: from its cached summary when its stamp is unchanged (unread), else
 * from its text. Returns why it was not indexed (gone since listed, or skipped); throws when
 * the file cannot be read.
 */
function readNote(
  index: WorkspaceIndex,
  file: string,
  root: string,
  uri: string,
  cache: LoadOptions['cache'],
  timings: LoadTimings,
): 'cached' | 'read' | 'absent' | SkipReason {
  const started = performance.now();
  const cached = cache?.get(uri);
  if (cached) {
    const stamped = stampNoteFile(file, root);
    if (stamped.kind !== 'note') return stamped.kind === 'absent' ? 'absent' : stamped.reason;
    if (sameStamp(cached.stamp, stamped.stamp)) {
      const read = performance.now();
      index.setSummary(uri, cached.summary, stamped.stamp, () => readTextOrNothing(file, root));
      timings.readMs += read - started;
      timings.indexMs += performance.now() - read;
      return 'cached';
    }
  }
  // The stamp is taken before the read (see readNoteFile), so the cache is never trusted for
  // text it did not summarise.
  const read = readNoteFile(file, root);
  if (read.kind !== 'note') return read.kind === 'absent' ? 'absent' : read.reason;
  const indexing = performance.now();
  index.setText(uri, read.text, read.stamp);
  timings.readMs += indexing - started;
  timings.indexMs += performance.now() - indexing;
  return 'read';
}

/**
 * The file path of a vault path that `listMarkdownFiles` found under `root`. Its segments are
 * names read from the folders (never `.` or `..`), so joining them needs no normalising, which
 * `path.join` does character by character: ~9 ms for the 921 files of a vault in a fresh process.
 */
function fileInFolder(root: string, vaultPath: string): string {
  const base = root.endsWith(path.sep) ? root : root + path.sep;
  return base + (path.sep === '/' ? vaultPath : vaultPath.split('/').join(path.sep));
}

function sameStamp(a: DiskStamp, b: DiskStamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/**
 * The text of a note indexed from its cached summary, read when first needed. A file gone (or
 * no longer a note) since reads as empty: the file watcher's event is on its way and will drop
 * or re-read the note.
 */
function readTextOrNothing(file: string, root: string): string {
  try {
    const read = readNoteFile(file, root);
    return read.kind === 'note' ? read.text : '';
  } catch {
    return '';
  }
}
