import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';

/** The file system calls an atomic write makes; tests pass failing ones. */
export interface WriteFileSystem {
  writeFileSync(file: string, data: Buffer, options: { mode: number; flag: string }): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  statSync(file: string): { mode: number };
  readFileSync(file: string): Buffer;
}

/** The file is no longer the text that was fixed: someone wrote it meanwhile. */
export class ChangedMeanwhile extends Error {
  constructor() {
    super('it changed on disk while it was being fixed');
  }
}

export const NODE_FILE_SYSTEM: WriteFileSystem = fs;

/**
 * Replaces `file` with `text` (UTF-8; a BOM in the text is written as such) as a whole or not at
 * all: the text goes to a new file beside it, which is then renamed over the original. Readers see
 * the old note or the new, never half; a failed write leaves the original as it was and no
 * temporary file behind. The original's permissions are kept. With `expected` (the text the new
 * one was made from), a file that no longer holds it is left alone (ChangedMeanwhile): an editor
 * that saved the note while the vault was being fixed keeps its save.
 */
export function writeFileAtomically(
  file: string,
  text: string,
  system: WriteFileSystem = NODE_FILE_SYSTEM,
  expected?: string,
): void {
  const mode = system.statSync(file).mode & 0o7777;
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    // `wx`: never through a file or link that is already there.
    system.writeFileSync(temporary, Buffer.from(text, 'utf8'), { mode, flag: 'wx' });
    // Compared as late as possible, right before the rename.
    if (expected !== undefined && !system.readFileSync(file).equals(Buffer.from(expected, 'utf8')))
      throw new ChangedMeanwhile();
    system.renameSync(temporary, file);
  } catch (error) {
    try {
      system.unlinkSync(temporary);
    } catch {
      // never created, or already gone
    }
    throw error;
  }
}
