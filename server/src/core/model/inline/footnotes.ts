import type { LineIndex } from '../../text/lineIndex';
import type { FootnoteDefinition, FootnoteReference, Spanned } from '../types';
import type { ExcludedRegions } from './excludedRegions';
import { PositionCursor } from './positionCursor';
import { splitNameAndUrl } from './urls';

// A definition starts its line, after any `>` marks of the callout that holds it (kb dialect).
const DEFINITION_LABEL = /\[\^([^\]\s]+)\]:/y;
const REFERENCE = /\[\^([^\]\s]+)\]/y;

export function scanFootnoteDefinitions(
  text: string,
  lines: LineIndex,
  excluded: ExcludedRegions,
): FootnoteDefinition[] {
  const definitions: FootnoteDefinition[] = [];
  const positions = new PositionCursor(lines);
  // Most notes have no footnotes at all: look for `[^` and only then at what precedes it.
  for (let start = text.indexOf('[^'); start !== -1; start = text.indexOf('[^', start + 2)) {
    const line = positions.at(start).line;
    const lineStart = lines.lineStart(line);
    if (!isDefinitionPrefix(text, lineStart, start) || excluded.contains(start)) continue;
    DEFINITION_LABEL.lastIndex = start;
    const label = DEFINITION_LABEL.exec(text);
    if (!label) continue;
    const labelStart = start + 2;
    const labelEnd = labelStart + label[1].length;
    const restStart = labelEnd + 2;
    let end = lines.lineEnd(line);
    while (end > restStart && isBlank(text.charCodeAt(end - 1))) end--;
    const definition: FootnoteDefinition = {
      range: positions.range(start, end),
      label: spanned(text, positions, labelStart, labelEnd),
    };
    readDefinitionBody(text, positions, restStart, end, definition);
    definitions.push(definition);
  }
  return definitions;
}

/**
 * Only blanks and `>` callout marks may precede a definition on its line: up to 3 blanks before a
 * mark or the label, plus the one blank that belongs to each `>` mark.
 */
function isDefinitionPrefix(text: string, lineStart: number, start: number): boolean {
  let blanks = 0;
  let afterQuote = false;
  for (let i = lineStart; i < start; i++) {
    const code = text.charCodeAt(i);
    if (code === 62 /* > */) {
      if (blanks > (afterQuote ? 4 : 3)) return false;
      blanks = 0;
      afterQuote = true;
    } else if (isBlank(code)) blanks++;
    else return false;
  }
  return blanks <= (afterQuote ? 4 : 3);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** `[Name](url)` gives both parts; plain text gives a name, and a URL if it ends with one. */
function readDefinitionBody(
  text: string,
  lines: PositionCursor,
  start: number,
  end: number,
  definition: FootnoteDefinition,
): void {
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  if (start === end) return;
  const link = markdownLinkAt(text, start, end);
  if (link) {
    definition.name = spanned(text, lines, link.nameStart, link.nameEnd);
    definition.url = spanned(text, lines, link.urlStart, link.urlEnd);
    return;
  }
  const parts = splitNameAndUrl(text.slice(start, end));
  if (parts.name.end > parts.name.start) {
    definition.name = spanned(text, lines, start + parts.name.start, start + parts.name.end);
  }
  if (parts.url)
    definition.url = spanned(text, lines, start + parts.url.start, start + parts.url.end);
}

/** Reads `[text](destination)` at `start`; balanced parentheses may appear in the destination. */
function markdownLinkAt(
  text: string,
  start: number,
  end: number,
): { nameStart: number; nameEnd: number; urlStart: number; urlEnd: number } | undefined {
  if (text[start] !== '[') return undefined;
  // Search the definition's line only, not the rest of the note.
  const found = text.slice(start + 1, end).indexOf('](');
  if (found === -1) return undefined;
  const close = start + 1 + found;
  let depth = 0;
  for (let i = close + 2; i < end; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0)
        return { nameStart: start + 1, nameEnd: close, urlStart: close + 2, urlEnd: i };
      depth--;
    } else if (ch === ' ' || ch === '\t') return undefined;
  }
  return undefined;
}

export function scanFootnoteReferences(
  text: string,
  lines: LineIndex,
  excluded: ExcludedRegions,
  definitions: FootnoteDefinition[],
): FootnoteReference[] {
  // The `[^7]` that opens a definition is the definition, not a reference to it.
  const definitionStarts = new Set(
    definitions.map((definition) => lines.offsetAt(definition.range.start)),
  );
  const references: FootnoteReference[] = [];
  const positions = new PositionCursor(lines);
  for (let start = text.indexOf('[^'); start !== -1; start = text.indexOf('[^', start + 2)) {
    if (definitionStarts.has(start)) continue;
    REFERENCE.lastIndex = start;
    const match = REFERENCE.exec(text);
    if (!match || excluded.contains(start)) continue;
    references.push({
      range: positions.range(start, start + match[0].length),
      label: match[1],
    });
    start += match[0].length - 2;
  }
  return references;
}

function spanned(text: string, lines: PositionCursor, start: number, end: number): Spanned {
  return { text: text.slice(start, end), range: lines.range(start, end) };
}
