import path from 'node:path';
import { URI } from 'vscode-uri';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { parseNote } from '../../../server/src/core/model/parseNote';
import type { Note } from '../../../server/src/core/model/types';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export { sharedRoot } from '../../support/sharedData';

/** The URI of a vault path inside an in-memory vault rooted at `/vault` (or another root). */
export function noteUri(vaultPath: string, root = '/vault'): string {
  return URI.file(path.posix.join(root, vaultPath)).toString();
}

/**
 * An index over notes that exist only in memory: `{ 'techniques/Python.md': '...' }`. Several
 * roots make a multi-root workspace.
 */
export function memoryVault(
  files: Record<string, string>,
  roots: string[] = ['/vault'],
): WorkspaceIndex {
  const index = new WorkspaceIndex(roots.map((root) => URI.file(root).toString()));
  for (const [file, text] of Object.entries(files)) {
    const absolute = file.startsWith('/') ? file : path.posix.join(roots[0], file);
    index.setNote(parseNote(text, URI.file(absolute).toString()));
  }
  return index;
}

/** Parses one note as it would sit at `vaultPath` of the default vault. */
export function noteAt(vaultPath: string, text: string): Note {
  return parseNote(text, noteUri(vaultPath));
}
