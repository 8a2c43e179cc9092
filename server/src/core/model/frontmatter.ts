import type grayMatter from 'gray-matter';
import type { Range } from 'vscode-languageserver-types';
import type { LineIndex } from '../text/lineIndex';
import { scanFrontmatterFields } from './frontmatterFields';
import type { Frontmatter } from './types';

let loadedMatter: typeof grayMatter | undefined;

/**
 * gray-matter, loaded on first use: it and js-yaml take ~20 ms to initialise at server start, and
 * a vault whose front matter is all `key: text` (see `simpleMapping`) never needs them.
 */
function frontmatterData(source: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  loadedMatter ??= require('gray-matter') as typeof grayMatter;
  // Passing options keeps gray-matter from caching every note text it sees (its cache never shrinks).
  // Its `---js` and `---coffee` front matter would be evaluated as code: those engines refuse. (Only
  // a bare `---` opens front matter here, so they are unreachable today; this keeps it so.)
  return loadedMatter(source, { excerpt: false, language: 'yaml', engines: NO_CODE_ENGINES }).data;
}

function refuseCode(): never {
  throw new Error('front matter in a programming language is not read');
}

/** gray-matter's engines that run the front matter as code, replaced by a refusal. */
const NO_CODE_ENGINES = {
  js: refuseCode,
  javascript: refuseCode,
  coffee: refuseCode,
  coffeescript: refuseCode,
  cson: refuseCode,
};

/** Where the front matter sits: its opening and closing `---` lines. */
export interface FrontmatterLines {
  openLine: number;
  closeLine: number;
}

/**
 * Finds a front matter block as Obsidian does: `---` alone on the first line, closed by the next
 * line that is `---` (or YAML's `...`). Without a closing line there is no front matter.
 */
export function locateFrontmatter(lines: LineIndex): FrontmatterLines | undefined {
  if (lines.lineCount < 2 || lines.lineText(0).trimEnd() !== '---') return undefined;
  for (let line = 1; line < lines.lineCount; line++) {
    const text = lines.lineText(line).trimEnd();
    if (text === '---' || text === '...') return { openLine: 0, closeLine: line };
  }
  return undefined;
}

interface YamlMark {
  line?: number;
  column?: number;
}

interface YamlFailure {
  reason?: string;
  message?: string;
  mark?: YamlMark;
}

export function parseFrontmatter(
  text: string,
  lines: LineIndex,
  block: FrontmatterLines,
): Frontmatter {
  const range = lines.range(0, lines.lineEnd(block.closeLine));
  const fields = scanFrontmatterFields(text, lines, block.openLine + 1, block.closeLine);
  // Only the block itself goes in, so a `---` rule later in the note cannot confuse it.
  // (A closing `...` is left in: js-yaml reads it as the end of the document.)
  const simple = simpleMapping(lines, block);
  if (simple) return { range, data: simple, fields };
  const source = text.slice(0, lines.lineEnd(block.closeLine));
  try {
    const data = frontmatterData(source);
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      return { range, data: data as Record<string, unknown>, fields };
    }
    const inner = lines.range(
      lines.lineStart(block.openLine + 1),
      lines.lineEnd(block.closeLine - 1),
    );
    return {
      range,
      fields,
      error: { message: 'Front matter is not a YAML mapping', range: inner },
    };
  } catch (failure) {
    return { range, fields, error: yamlError(failure as YamlFailure, lines, block) };
  }
}

/**
 * `key: value` where the value is a plain YAML scalar that can only be read as a string. A `#`
 * starts a comment only after a blank, so `DEV#POPPER` stays text (a group's alias list has it).
 */
const SIMPLE_LINE = /^([A-Za-z][\w-]*): +([A-Za-z](?:[^:#\t\r\n]|(?<! )#)*?) *$/;
/** The only letter-initial plain scalars that YAML's core schema reads as something else. */
const NOT_STRINGS = new Set([
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
]);

/**
 * Front matter made only of `key: text` lines (every note a generator writes, `alias: …`) is
 * read here directly: gray-matter and js-yaml cost about an eighth of indexing a vault. Anything
 * else — quotes at the start, lists, numbers, dates, comments, repeated keys — goes to js-yaml.
 */
function simpleMapping(
  lines: LineIndex,
  block: FrontmatterLines,
): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  for (let line = block.openLine + 1; line < block.closeLine; line++) {
    const match = SIMPLE_LINE.exec(lines.lineText(line));
    if (!match || Object.hasOwn(data, match[1]) || NOT_STRINGS.has(match[2])) return undefined;
    data[match[1]] = match[2];
  }
  return block.closeLine > block.openLine + 1 ? data : undefined;
}

function yamlError(
  failure: YamlFailure,
  lines: LineIndex,
  block: FrontmatterLines,
): { message: string; range: Range } {
  const message = failure.reason ?? failure.message ?? 'Invalid YAML';
  // gray-matter hands js-yaml the text after the opening `---`, starting with that line's break,
  // so js-yaml's 0-based mark line is already the document line.
  const markLine = failure.mark?.line ?? block.openLine + 1;
  const line = Math.max(block.openLine + 1, Math.min(markLine, block.closeLine));
  const lineStart = lines.lineStart(line);
  const lineEnd = lines.lineEnd(line);
  const start = Math.min(lineStart + (failure.mark?.column ?? 0), lineEnd);
  // Point at the rest of the line from the mark, or the whole line when the mark is at its end.
  return { message, range: lines.range(start === lineEnd ? lineStart : start, lineEnd) };
}
