import type { Diagnostic, Range } from 'vscode-languageserver-types';
import {
  newerVaultNotice,
  type NewerVaultNotice,
} from '../../core/features/attackRelease/newerVault';
import { computeDiagnostics } from '../../core/features/diagnostics/computeDiagnostics';
import type { RuleConfig } from '../../core/features/diagnostics/config';
import { vaultDefinitions } from '../../core/features/diagnostics/vaultDefinitions';
import { readNoteFile, type SkippedFile } from '../../core/index/noteFiles';
import { pathFromUri, uriFromPath } from '../../core/index/vaultPaths';
import { WorkspaceIndex } from '../../core/index/workspaceIndex';
import type { AttackKnowledgeBase } from '../../core/kb/knowledgeBase';
import { emptyNote, parseNote } from '../../core/model/parseNote';
import type { Heading, Note, NoteIdentity } from '../../core/model/types';
import { isWithin } from './vaultRoots';

/**
 * A vault checked in shards, so that `attack-notes check` can use every core: each shard parses
 * its own files, hands the others a stub of each note (what rules read of *other* notes: identity,
 * headings, where it starts), then checks its own notes against its notes plus the stubs.
 * Plain functions over plain data; the threads are in parallelCheck.ts.
 */

/** What the rules of one note read of another note. Structured-clone friendly. */
export interface NoteStub {
  uri: string;
  identity?: NoteIdentity;
  headings: Heading[];
  fullRange: Range;
}

export interface ParsedShard {
  notes: Note[];
  failures: { uri: string; message: string }[];
  /** Files not read as notes (too large, binary), as the editor's index skips them. */
  skipped: SkippedFile[];
}

export interface ShardFindings {
  /** Absolute file path of the note. */
  fsPath: string;
  diagnostics: Diagnostic[];
}

export interface CheckedShard {
  findings: ShardFindings[];
  /** Notes of the shard within the requested scopes. */
  notes: number;
  /** The vault's notes define IDs of a newer ATT&CK (about the whole vault, same in each shard). */
  newerVault?: NewerVaultNotice;
}

export function parseShard(files: readonly string[]): ParsedShard {
  let next = 0;
  return parseClaimed(files, () => next++);
}

/**
 * Parses the files `claim` hands out (an index into `files`, past the end when none are left).
 * Two threads that claim from one shared counter split the work by speed, not by count: the
 * worker starts later and colder than the main thread.
 */
export function parseClaimed(files: readonly string[], claim: () => number): ParsedShard {
  const notes: Note[] = [];
  const failures: ParsedShard['failures'] = [];
  const skipped: SkippedFile[] = [];
  for (let i = claim(); i < files.length; i = claim()) {
    const file = files[i];
    const uri = uriFromPath(file);
    try {
      // The files were listed by `listMarkdownFiles`, which follows only links that stay inside.
      const read = readNoteFile(file);
      if (read.kind === 'note') notes.push(parseNote(read.text, uri));
      else if (read.kind === 'skipped') skipped.push({ uri, reason: read.reason });
    } catch (error) {
      failures.push({ uri, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { notes, failures, skipped };
}

export function stubsOf(notes: readonly Note[]): NoteStub[] {
  return notes.map(({ uri, identity, headings, fullRange }) => ({
    uri,
    identity,
    headings,
    fullRange,
  }));
}

/** A note model with only what a stub carries; empty elsewhere, so it adds no findings or links. */
function noteOfStub(stub: NoteStub): Note {
  const note = emptyNote(stub.uri, '', stub.fullRange);
  note.headings = stub.headings;
  if (stub.identity) note.identity = stub.identity;
  return note;
}

export function checkShard(
  folderUri: string,
  own: readonly Note[],
  others: readonly NoteStub[],
  kb: AttackKnowledgeBase,
  config: RuleConfig,
  scopes: readonly string[],
): CheckedShard {
  const index = new WorkspaceIndex([folderUri]);
  for (const stub of others) index.setNote(noteOfStub(stub));
  for (const note of own) index.setNote(note);
  const definitions = vaultDefinitions(index);
  const vaultKb = kb.withVaultDefinitions(definitions);
  const findings: ShardFindings[] = [];
  let notes = 0;
  for (const note of own) {
    const indexed = index.get(note.uri);
    if (!indexed) continue;
    const fsPath = pathFromUri(indexed.uri);
    if (!scopes.some((scope) => isWithin(fsPath, scope))) continue;
    notes++;
    const diagnostics = computeDiagnostics(indexed.note, index, vaultKb, config);
    if (diagnostics.length > 0) findings.push({ fsPath, diagnostics });
  }
  const newerVault = newerVaultNotice(definitions, kb);
  return newerVault ? { findings, notes, newerVault } : { findings, notes };
}
