import type { LineIndex } from '../../text/lineIndex';
import type { FootnoteDefinition, FootnoteReference, Spanned } from '../types';
import type { ExcludedRegions } from './excludedRegions';
import { splitNameAndUrl } from './urls';

// A definition starts its line, after any `>` marks of the callout that holds it (kb dialect).
const DEFINITION = /^((?:[ \t]{0,3}>[ \t]?)*[ \t]{0,3})\[\^([^\]\s]+)\]:([^\r\n]*)/gm;
const REFERENCE = /\[\^([^\]\s]+)\]/g;

export function scanFootnoteDefinitions(
  text: string,
  lines: LineIndex,
  excluded: ExcludedRegions,
): FootnoteDefinition[] {
  const definitions: FootnoteDefinition[] = [];
  DEFINITION.lastIndex = 0;
  for (let match = DEFINITION.exec(text); match; match = DEFINITION.exec(text)) {
    const start = match.index + match[1].length;
    if (excluded.contains(start)) continue;
    const labelStart = start + 2;
    const labelEnd = labelStart + match[2].length;
    const restStart = labelEnd + 2;
    let end = restStart + match[3].length;
    while (end > restStart && /[ \t]/.test(text[end - 1])) end--;
    const definition: FootnoteDefinition = {
      range: lines.range(start, end),
      label: spanned(text, lines, labelStart, labelEnd),
    };
    readDefinitionBody(text, lines, restStart, end, definition);
    definitions.push(definition);
  }
  return definitions;
}

/** `[Name](url)` gives both parts; plain text gives a name, and a URL if it ends with one. */
function readDefinitionBody(
  text: string,
  lines: LineIndex,
  start: number,
  end: number,
  definition: FootnoteDefinition,
): void {
  while (start < end && /[ \t]/.test(text[start])) start++;
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
  const close = text.indexOf('](', start + 1);
  if (close === -1 || close >= end) return undefined;
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
  REFERENCE.lastIndex = 0;
  for (let match = REFERENCE.exec(text); match; match = REFERENCE.exec(text)) {
    if (definitionStarts.has(match.index) || excluded.contains(match.index)) continue;
    references.push({
      range: lines.range(match.index, match.index + match[0].length),
      label: match[1],
    });
  }
  return references;
}

function spanned(text: string, lines: LineIndex, start: number, end: number): Spanned {
  return { text: text.slice(start, end), range: lines.range(start, end) };
}
