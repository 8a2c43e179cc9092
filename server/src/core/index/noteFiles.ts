import { lstatSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { DiskStamp } from './summaryCache';

/**
 * How a note file is read from disk, for the server's index and for `attack-notes check` alike.
 * A vault holds whatever people put there, so reading a file decides first whether it is a note
 * at all: a symbolic link that leaves the workspace is not followed, a file too large to be a note
 * or with binary content is skipped with a reason, and a file that vanished between being listed
 * and being read is simply gone. Only real read errors (permissions, I/O) are thrown.
 */

/**
 * Files larger than this are skipped (with a warning), not read: a log or an export given an `.md`
 * name would otherwise cost its whole size in memory and a full parse. The largest note of the
 * shared test vaults is 235 KB; an open note is the editor's text and has no limit.
 */
export const MAX_NOTE_FILE_BYTES = 8 * 1024 * 1024;

/**
 * A NUL character within this many characters of the start marks a file as binary (git looks at
 * its first 8,000 bytes the same way): an image or archive renamed `.md` is skipped. A stray NUL
 * further down a real note is read like any other character.
 */
export const BINARY_SNIFF_CHARS = 8000;

/** Why a file with a note's name is not indexed; each reason is worth a warning. */
export type SkipReason = 'too-large' | 'binary' | 'symlink-outside' | 'symlink-loop';

export type NoteFileRead =
  | { kind: 'note'; text: string; stamp: DiskStamp }
  | { kind: 'skipped'; reason: SkipReason }
  /** Deleted since it was listed, a dangling link, or not a file: nothing to index or report. */
  | { kind: 'absent' };

export type NoteFileStamp =
  { kind: 'note'; stamp: DiskStamp } | { kind: 'skipped'; reason: SkipReason } | { kind: 'absent' };

/** A skipped file and why, for the warnings of the server and the CLI. */
export interface SkippedFile {
  uri: string;
  reason: SkipReason;
}

/** The sentence a warning gives for a reason. */
export function describeSkip(reason: SkipReason): string {
  switch (reason) {
    case 'too-large':
      return `larger than ${MAX_NOTE_FILE_BYTES / (1024 * 1024)} MiB, not read as a note`;
    case 'binary':
      return 'binary content (a NUL byte near the start), not read as a note';
    case 'symlink-outside':
      return 'a symbolic link to a place outside the workspace folder, not followed';
    case 'symlink-loop':
      return 'a symbolic link that loops, not followed';
  }
}

/**
 * The stamp of a note file without reading it (for the summary cache), or why it is not a note.
 * `root` is the workspace folder: a symbolic link is followed only to a file inside it.
 */
export function stampNoteFile(file: string, root: string): NoteFileStamp {
  const stats = noteFileStats(file, root);
  if ('kind' in stats) return stats;
  if (stats.size > MAX_NOTE_FILE_BYTES) return { kind: 'skipped', reason: 'too-large' };
  return { kind: 'note', stamp: stampOf(stats) };
}

/**
 * Reads a note file: its text and the stamp taken before the read (a write in between leaves an
 * older stamp, so a cache never trusts a summary of older text), or why it is not read.
 * `root` is the workspace folder; without one (`check`'s listed files, whose links
 * `listMarkdownFiles` has vetted) a symbolic link is read where it points.
 */
export function readNoteFile(file: string, root?: string): NoteFileRead {
  const stats = root === undefined ? plainStats(file) : noteFileStats(file, root);
  if ('kind' in stats) return stats;
  if (stats.size > MAX_NOTE_FILE_BYTES) return { kind: 'skipped', reason: 'too-large' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (isGone(error)) return { kind: 'absent' };
    throw error;
  }
  // The size was checked before the read; a file that grew meanwhile is checked again.
  if (text.length > MAX_NOTE_FILE_BYTES) return { kind: 'skipped', reason: 'too-large' };
  const nul = text.indexOf('\0');
  if (nul !== -1 && nul < BINARY_SNIFF_CHARS) return { kind: 'skipped', reason: 'binary' };
  return { kind: 'note', text, stamp: stampOf(stats) };
}

/**
 * Whether a symbolic link found in a workspace folder may be followed: it must lead to a file
 * (not a folder) inside the folder. Used by the folder listing, which never descends into a
 * linked folder (every folder of the workspace is listed by its own path already).
 */
export function vetSymlink(file: string, root: string): 'file' | 'absent' | SkipReason {
  const target = symlinkTarget(file, root);
  if (typeof target !== 'string') return target.kind === 'absent' ? 'absent' : target.reason;
  try {
    return statSync(target).isFile() ? 'file' : 'absent';
  } catch (error) {
    if (isGone(error)) return 'absent';
    throw error;
  }
}

/**
 * Whether the folder `within` (a vault path) of `root` is reached without passing through a
 * symbolic link: file events may name paths inside a linked folder, which the listing never
 * enters (it may lead out of the workspace, or be a second name for a folder inside).
 */
export function isUnlinkedFolder(root: string, within: string): boolean {
  if (within === '') return true;
  try {
    const real = realpathSync(path.join(root, ...within.split('/')));
    return real === path.join(realpathSync(root), ...within.split('/'));
  } catch {
    return false; // gone, or not reachable: nothing to list
  }
}

/** The stats of the file whose content a note file holds, or why there is none to read. */
function noteFileStats(
  file: string,
  root: string,
): Stats | { kind: 'absent' } | { kind: 'skipped'; reason: SkipReason } {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    if (isGone(error)) return { kind: 'absent' };
    throw error;
  }
  if (stats.isSymbolicLink()) {
    const target = symlinkTarget(file, root);
    if (typeof target !== 'string') return target;
    return plainStats(target);
  }
  return stats.isFile() ? stats : { kind: 'absent' };
}

/** `stat` (following links), with a vanished file or a folder read as absent. */
function plainStats(file: string): Stats | { kind: 'absent' } {
  try {
    const stats = statSync(file);
    return stats.isFile() ? stats : { kind: 'absent' };
  } catch (error) {
    if (isGone(error)) return { kind: 'absent' };
    throw error;
  }
}

/** Where a symbolic link leads when that is inside `root`; else why it is not followed. */
function symlinkTarget(
  file: string,
  root: string,
): string | { kind: 'absent' } | { kind: 'skipped'; reason: SkipReason } {
  let target: string;
  let realRoot: string;
  try {
    target = realpathSync(file);
    realRoot = realpathSync(root);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ELOOP') return { kind: 'skipped', reason: 'symlink-loop' };
    if (isGone(error)) return { kind: 'absent' }; // a dangling link
    throw error;
  }
  const inside =
    target === realRoot ||
    target.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
  return inside ? target : { kind: 'skipped', reason: 'symlink-outside' };
}

function stampOf(stats: Stats): DiskStamp {
  return { mtimeMs: stats.mtimeMs, size: stats.size };
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/** Errors that mean "no such file any more": deleted, or a parent folder replaced or removed. */
function isGone(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
