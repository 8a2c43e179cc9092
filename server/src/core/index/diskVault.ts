import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { isMarkdownPath, pathFromUri, uriOfFileInFolder } from './vaultPaths';
import type { CachedSummary, DiskStamp } from './summaryCache';
import type { WorkspaceIndex } from './workspaceIndex';

/** Folders that are never notes, whatever the settings say. */
export const DEFAULT_EXCLUDES = ['**/.git', '**/.obsidian', '**/.trash', '**/node_modules'];

/** A predicate over vault paths (`/` separators, relative to the vault root). */
export type ExcludeMatcher = (vaultPath: string) => boolean;

/** Globs as VS Code's `files.exclude` takes them (`**` spans folders, dot files match). */
export function createExcludeMatcher(globs: readonly string[]): ExcludeMatcher {
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

/**
 * Every Markdown file under `root` (or only under its sub-folder `within`, a vault path), as vault
 * paths, skipping excluded files and folders.
 */
export function listMarkdownFiles(root: string, isExcluded: ExcludeMatcher, within = ''): string[] {
  const found: string[] = [];
  if (within !== '' && isExcluded(within)) return found;
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
      else if (entry.isFile() && isMarkdownPath(entry.name)) found.push(vaultPath);
    }
  }
  return found.sort();
}

/** A Markdown file of a workspace folder, named each way the index needs. */
export interface ListedFile {
  file: string;
  uri: string;
  vaultPath: string;
}

/**
 * `listMarkdownFiles` of a workspace folder (or of its sub-folder `within`), with each file's
 * path and URI.
 */
export function markdownFilesIn(
  folderUri: string,
  isExcluded: ExcludeMatcher,
  within = '',
): ListedFile[] {
  const root = pathFromUri(folderUri);
  return listMarkdownFiles(root, isExcluded, within).map((vaultPath) => {
    const file = fileInFolder(root, vaultPath);
    return { file, uri: uriOfFileInFolder(folderUri, vaultPath, file), vaultPath };
  });
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
  const listed = performance.now();
  const files = index.folderUris.flatMap((folderUri) => markdownFilesIn(folderUri, isExcluded));
  const timings: LoadTimings = { listMs: performance.now() - listed, readMs: 0, indexMs: 0 };
  const failures: LoadReport['failures'] = [];
  // Synchronous reads in batches: a promise-based readFile costs several thread-pool round trips
  // per file (open, fstat, read, close), about five times a readFileSync of a note of a few KB
  // (bench: 921 notes read in ~25 ms instead of ~125 ms). Yielding between batches keeps the server
  // answering requests while a large vault loads.
  const batchSize = options.batchSize ?? 64;
  let fromCache = 0;
  let skipped = 0;
  for (let done = 1; done <= files.length; done++) {
    const { file, uri, vaultPath } = files[done - 1];
    try {
      // Asked again: the excludes may have changed since the listing (see LoadOptions.exclude).
      if (isExcludedPath(isExcluded, vaultPath)) skipped++;
      else if (readNote(index, file, uri, options.cache, timings) === 'cached') fromCache++;
    } catch (error) {
      failures.push({ uri, message: error instanceof Error ? error.message : String(error) });
    }
    if (options.onProgress && (done % 200 === 0 || done === files.length)) {
      options.onProgress(done, files.length);
    }
    if (done % batchSize === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { notes: files.length - skipped - failures.length, fromCache, failures, timings };
}

/**
 * Indexes one note file: from its cached summary when its stamp is unchanged (unread), else
 * from its text. Throws when the file cannot be read.
 */
function readNote(
  index: WorkspaceIndex,
  file: string,
  uri: string,
  cache: LoadOptions['cache'],
  timings: LoadTimings,
): 'cached' | 'read' {
  // Stamp first, then read: a write in between leaves a stamp older than the text, so the
  // cache is never trusted for text it did not summarise.
  const started = performance.now();
  const stamp = readStamp(file);
  const cached = cache?.get(uri);
  if (cached && sameStamp(cached.stamp, stamp)) {
    const read = performance.now();
    index.setSummary(uri, cached.summary, stamp, () => readTextOrNothing(file));
    timings.readMs += read - started;
    timings.indexMs += performance.now() - read;
    return 'cached';
  }
  const text = readFileSync(file, 'utf8');
  const read = performance.now();
  index.setText(uri, text, stamp);
  timings.readMs += read - started;
  timings.indexMs += performance.now() - read;
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

/** Reads a file's stamp, or undefined when it cannot be read. */
export function diskStampOf(file: string): DiskStamp | undefined {
  try {
    return readStamp(file);
  } catch {
    return undefined;
  }
}

function readStamp(file: string): DiskStamp {
  const stats = statSync(file);
  return { mtimeMs: stats.mtimeMs, size: stats.size };
}

function sameStamp(a: DiskStamp, b: DiskStamp): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/**
 * The text of a note indexed from its cached summary, read when first needed. A file gone since
 * reads as empty: the file watcher's delete event is on its way and will drop the note.
 */
function readTextOrNothing(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
