import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver-types';
import { fastBlocks } from '../../../server/src/core/model/blocks/fastBlocks';
import { remarkBlocks } from '../../../server/src/core/model/blocks/remarkBlocks';

/** `/work/shared` next to the repository: the seed note and the two test vaults (not committed). */
export const SHARED = resolve(__dirname, '..', '..', '..', '..', 'shared');
export const VAULTS = join(SHARED, 'vaults');

/** A range written the short way: `range(25, 4, 25, 146)`. */
export function range(
  startLine: number,
  startCharacter: number,
  endLine: number,
  endCharacter: number,
): Range {
  return {
    start: { line: startLine, character: startCharacter },
    end: { line: endLine, character: endCharacter },
  };
}

/** A range within one line. */
export function onLine(line: number, startCharacter: number, endCharacter: number): Range {
  return range(line, startCharacter, line, endCharacter);
}

export interface SharedNote {
  text: string;
  uri: string;
}

export function readShared(...segments: string[]): SharedNote {
  const path = join(SHARED, ...segments);
  return { text: readFileSync(path, 'utf8'), uri: pathToFileURL(path).toString() };
}

export function sharedExists(...segments: string[]): boolean {
  return existsSync(join(SHARED, ...segments));
}

export function markdownFilesUnder(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...markdownFilesUnder(path));
    else if (entry.name.endsWith('.md')) files.push(path);
  }
  return files.sort();
}

/** Both block providers, by name: every model test runs against each. */
export const BLOCK_PROVIDERS = [
  ['fast', fastBlocks],
  ['remark', remarkBlocks],
] as const;
