import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from '../../core/features/diagnostics/config';

/**
 * Which vault a path belongs to. Links resolve from the vault root, so checking one note or one
 * folder still loads the whole vault; the root is the nearest folder that marks itself as one.
 */

const ROOT_MARKERS = [CONFIG_FILE_NAME, '.obsidian'];

function isMarkedRoot(folder: string): boolean {
  return ROOT_MARKERS.some((marker) => existsSync(path.join(folder, marker)));
}

/** The nearest folder at or above `target` with a root marker, else the folder itself. */
export function vaultRootOf(target: string, isDirectory: boolean): string {
  const start = isDirectory ? target : path.dirname(target);
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (isMarkedRoot(folder)) return folder;
    if (path.dirname(folder) === folder) return start;
  }
}

/** True when `file` is `scope` or lies below it. */
export function isWithin(file: string, scope: string): boolean {
  const relative = path.relative(scope, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
