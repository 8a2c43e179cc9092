import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every Markdown file under `folder`, as paths relative to it with `/` separators. */
export function markdownFiles(folder: string, prefix = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...markdownFiles(folder, relative));
    else if (/\.(md|markdown)$/i.test(entry.name)) files.push(relative);
  }
  return files.sort();
}

export interface ScaledVault {
  scale: number;
  root: string;
  notes: number;
  bytes: number;
  /** Folder name of copy `k` (1-based) inside `root`. */
  copyFolder(k: number): string;
}

/**
 * Writes `scale` copies of `source` into sibling folders `copy1..copyN` of `root`.
 *
 * Within one workspace folder, a short link such as `[[Execution]]` would match the note of every
 * copy and become ambiguous. So each copy's short links are rewritten to vault paths inside that
 * copy (`[[copy3/tactics/Execution]]`), which the index resolves exactly, as Obsidian does. The
 * 1× vault is rewritten the same way, so every scale carries the same text per note and growth
 * compares like with like.
 */
export function buildScaledVault(source: string, root: string, scale: number): ScaledVault {
  const files = markdownFiles(source);
  // The source vault names every note uniquely, so a file name identifies one vault path.
  const pathByName = new Map<string, string>();
  for (const file of files) {
    pathByName.set(path.posix.basename(file).replace(/\.md$/i, '').toLowerCase(), file);
  }
  const texts = files.map((file) => readFileSync(path.join(source, file), 'utf8'));
  let bytes = 0;
  for (let k = 1; k <= scale; k++) {
    const copy = `copy${k}`;
    const folders = new Set(files.map((file) => path.posix.dirname(file)));
    for (const folder of folders) mkdirSync(path.join(root, copy, folder), { recursive: true });
    files.forEach((file, i) => {
      const text = rewriteLinks(texts[i], copy, pathByName);
      bytes += Buffer.byteLength(text);
      writeFileSync(path.join(root, copy, file), text);
    });
  }
  return {
    scale,
    root,
    notes: files.length * scale,
    bytes,
    copyFolder: (k) => path.join(root, `copy${k}`),
  };
}

/**
 * Replaces the target of every `[[target…]]` that names a note of the source vault by that
 * note's path inside `copy`; aliases (`|` and the table-escaped `\|`) and headings stay as they
 * were. Unknown targets are left alone, so a broken link stays broken.
 */
export function rewriteLinks(
  text: string,
  copy: string,
  pathByName: ReadonlyMap<string, string>,
): string {
  return text.replace(/\[\[([^\]|#\\\n]+)/g, (whole: string, target: string) => {
    const file = pathByName.get(target.trim().toLowerCase());
    return file ? `[[${copy}/${file.replace(/\.md$/i, '')}` : whole;
  });
}
