import type { LineIndex } from '../text/lineIndex';
import type { FrontmatterField, Spanned } from './types';

/**
 * A light line scanner over the front matter for what js-yaml cannot give: where each top-level key,
 * its scalar and its list items are written. It reads the shapes notes use (`key: value`, quoted
 * scalars, `[a, b]` flow lists, `- item` block lists) and works even when the YAML is invalid.
 */

const TOP_LEVEL_KEY = /^("[^"]*"|'[^']*'|[^\s#"'\-:][^:]*?|-[^\s:][^:]*?)[ \t]*:(?=[ \t]|$)/;
const BLOCK_ITEM = /^([ \t]*)-(?=[ \t]|$)/;

export function scanFrontmatterFields(
  text: string,
  lines: LineIndex,
  firstLine: number,
  endLine: number,
): FrontmatterField[] {
  const fields: FrontmatterField[] = [];
  let current: FrontmatterField | undefined;
  let itemIndent: number | undefined;
  for (let line = firstLine; line < endLine; line++) {
    const lineStart = lines.lineStart(line);
    const source = text.slice(lineStart, lines.lineEnd(line));
    const key = TOP_LEVEL_KEY.exec(source);
    if (key) {
      current = readKeyLine(source, lineStart, key, lines);
      fields.push(current);
      itemIndent = undefined;
      continue;
    }
    const item = current && BLOCK_ITEM.exec(source);
    if (!current || !item) continue;
    // Only the list's own items: deeper `- x` lines belong to nested values.
    itemIndent ??= item[1].length;
    if (item[1].length !== itemIndent) continue;
    const span = scalarSpan(source, item[0].length, source.length);
    if (span)
      current.items.push(spanned(text, lines, lineStart + span.start, lineStart + span.end));
  }
  return fields;
}

function readKeyLine(
  source: string,
  lineStart: number,
  key: RegExpExecArray,
  lines: LineIndex,
): FrontmatterField {
  const rawKey = key[1];
  const quoted = rawKey[0] === '"' || rawKey[0] === "'";
  const keyStart = lineStart + (quoted ? 1 : 0);
  const keyEnd = lineStart + rawKey.length - (quoted ? 1 : 0);
  const field: FrontmatterField = {
    key: lines.text.slice(keyStart, keyEnd),
    keyRange: lines.range(keyStart, keyEnd),
    items: [],
  };
  const valueStart = skipBlanks(source, key[0].length + 1);
  const first = source[valueStart];
  if (valueStart >= source.length || first === '#' || first === '|' || first === '>') return field;
  if (first === '[') {
    for (const item of flowItems(source, valueStart + 1)) {
      field.items.push(spanned(lines.text, lines, lineStart + item.start, lineStart + item.end));
    }
    return field;
  }
  const span = scalarSpan(source, valueStart, source.length);
  if (span) field.value = spanned(lines.text, lines, lineStart + span.start, lineStart + span.end);
  return field;
}

interface OffsetSpan {
  start: number;
  end: number;
}

/** The items of a `[a, "b", c]` flow list on one line, unquoted and trimmed. */
function flowItems(source: string, from: number): OffsetSpan[] {
  const items: OffsetSpan[] = [];
  let itemStart = from;
  let quote: string | undefined;
  for (let i = from; i <= source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',' || ch === ']' || i === source.length) {
      const span = scalarSpan(source, itemStart, i);
      if (span) items.push(span);
      if (ch !== ',') break;
      itemStart = i + 1;
    }
  }
  return items;
}

/** The scalar in `source[start, end)`: trimmed, without quotes or a trailing ` # comment`. */
function scalarSpan(source: string, start: number, end: number): OffsetSpan | undefined {
  start = skipBlanks(source, start);
  const quote = source[start];
  if (quote === '"' || quote === "'") {
    const close = closingQuote(source, start + 1, end, quote);
    if (close !== -1) return { start: start + 1, end: close };
  }
  const comment = source.slice(start, end).search(/[ \t]#/);
  if (comment !== -1) end = start + comment;
  while (end > start && /[ \t]/.test(source[end - 1])) end--;
  return end > start ? { start, end } : undefined;
}

function closingQuote(source: string, from: number, end: number, quote: string): number {
  for (let i = from; i < end; i++) {
    if (quote === '"' && source[i] === '\\') i++;
    else if (source[i] === quote) {
      // In single quotes, `''` is an escaped quote, not the end.
      if (quote === "'" && source[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function skipBlanks(source: string, from: number): number {
  while (from < source.length && (source[from] === ' ' || source[from] === '\t')) from++;
  return from;
}

function spanned(text: string, lines: LineIndex, start: number, end: number): Spanned {
  return { text: text.slice(start, end), range: lines.range(start, end) };
}
