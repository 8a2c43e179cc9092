import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver-types';
import { fastBlocks } from '../../../server/src/core/model/blocks/fastBlocks';
import { remarkBlocks } from '../../../server/src/core/model/blocks/remarkBlocks';

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
