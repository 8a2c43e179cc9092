import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NoteSummary } from '../model/summary';
import { NOTE_KINDS } from '../model/identity';
import type { NoteIdentity } from '../model/types';

/**
 * The index's summaries of notes on disk, kept between sessions (as Obsidian keeps its metadata
 * cache): a note whose modification time and size are unchanged is indexed from its summary,
 * without reading or scanning it. Its text is read when a feature first needs it.
 *
 * Bump `SUMMARY_CACHE_FORMAT` whenever what `summarizeNote` computes changes; a cache written by
 * another format or server version is ignored as a whole.
 */
export const SUMMARY_CACHE_FORMAT = 1;

/** What identifies a file's content without reading it. */
export interface DiskStamp {
  mtimeMs: number;
  size: number;
}

export interface CachedSummary {
  stamp: DiskStamp;
  summary: NoteSummary;
}

interface CacheFile {
  format: number;
  version: string;
  /** URI → [mtimeMs, size, summary] */
  notes: Record<string, [number, number, NoteSummary]>;
}

/** The cache file of a workspace (its set of folders) inside `directory`. */
export function summaryCacheFile(directory: string, folderUris: readonly string[]): string {
  const key = createHash('sha1')
    .update([...folderUris].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  return path.join(directory, `index-${key}.json`);
}

export function encodeSummaryCache(
  version: string,
  notes: Iterable<readonly [string, CachedSummary]>,
): string {
  const file: CacheFile = { format: SUMMARY_CACHE_FORMAT, version, notes: {} };
  for (const [uri, { stamp, summary }] of notes) {
    file.notes[uri] = [stamp.mtimeMs, stamp.size, summary];
  }
  return JSON.stringify(file);
}

/**
 * The summaries in a cache file's text, or undefined when it is not a cache of this format and
 * version. An entry that does not have the shape of a summary is left out (read afresh).
 */
export function decodeSummaryCache(
  json: string,
  version: string,
): Map<string, CachedSummary> | undefined {
  let file: unknown;
  try {
    file = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(file) || file.format !== SUMMARY_CACHE_FORMAT || file.version !== version)
    return undefined;
  if (!isRecord(file.notes)) return undefined;
  const summaries = new Map<string, CachedSummary>();
  for (const [uri, entry] of Object.entries(file.notes)) {
    if (!Array.isArray(entry) || entry.length !== 3) continue;
    const [mtimeMs, size, summary] = entry as unknown[];
    if (typeof mtimeMs !== 'number' || typeof size !== 'number' || !isSummary(summary)) continue;
    summaries.set(uri, { stamp: { mtimeMs, size }, summary });
  }
  return summaries;
}

/** Reads a cache file; undefined when there is none or it cannot be used. Never throws. */
export function readSummaryCache(
  file: string,
  version: string,
): Map<string, CachedSummary> | undefined {
  let json: string;
  try {
    json = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return decodeSummaryCache(json, version);
}

/**
 * Writes a cache file whole or not at all (a temporary file renamed over it), so a server that
 * stops mid-write, or two servers writing at once, never leave a torn file. Returns the error
 * message when it could not be written.
 */
export function writeSummaryCache(file: string, content: string): string | undefined {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, content);
    renameSync(temporary, file);
    return undefined;
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never written.
    }
    return error instanceof Error ? error.message : String(error);
  }
}

const SOURCES: ReadonlySet<string> = new Set(['frontmatter', 'heading', 'filename']);

function isSummary(value: unknown): value is NoteSummary {
  if (!isRecord(value) || !isStringArray(value.aliases) || !isStringArray(value.linkTargets))
    return false;
  if (value.mentionedIds !== undefined && !isStringArray(value.mentionedIds)) return false;
  return value.identity === undefined || isIdentity(value.identity);
}

function isIdentity(value: unknown): value is NoteIdentity {
  if (!isRecord(value)) return false;
  if (typeof value.id !== 'string' || typeof value.kind !== 'string' || !NOTE_KINDS.has(value.kind))
    return false;
  if (typeof value.source !== 'string' || !SOURCES.has(value.source)) return false;
  return value.range === undefined || isRange(value.range);
}

function isRange(value: unknown): boolean {
  return isRecord(value) && isPosition(value.start) && isPosition(value.end);
}

function isPosition(value: unknown): boolean {
  return (
    isRecord(value) &&
    Number.isInteger(value.line) &&
    Number.isInteger(value.character) &&
    (value.line as number) >= 0 &&
    (value.character as number) >= 0
  );
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
