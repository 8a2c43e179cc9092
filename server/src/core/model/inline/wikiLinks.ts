import type { LineIndex } from '../../text/lineIndex';
import type { Spanned, WikiLink } from '../types';
import type { ExcludedRegions } from './excludedRegions';

// Obsidian links cannot span lines or hold brackets; `![[...]]` embeds the target instead.
const WIKILINK = /(!?)\[\[([^[\]\r\n]+)\]\]/g;

/**
 * Finds `[[target#heading|alias]]` links and `![[...]]` embeds with the range of each part.
 * In a table row the alias pipe is written `\|`; the backslash then belongs to neither part.
 */
export function scanWikiLinks(
  text: string,
  lines: LineIndex,
  excluded: ExcludedRegions,
  tableLines: ReadonlySet<number>,
): WikiLink[] {
  const links: WikiLink[] = [];
  WIKILINK.lastIndex = 0;
  for (let match = WIKILINK.exec(text); match; match = WIKILINK.exec(text)) {
    if (excluded.contains(match.index)) continue;
    const embed = match[1] === '!';
    const innerStart = match.index + match[1].length + 2;
    const inner = match[2];
    const pipe = inner.indexOf('|');
    const escapedPipe = pipe > 0 && inner[pipe - 1] === '\\';
    const pathEnd = pipe === -1 ? inner.length : escapedPipe ? pipe - 1 : pipe;
    const hash = inner.slice(0, pathEnd).indexOf('#');
    const targetEnd = hash === -1 ? pathEnd : hash;
    const range = lines.range(match.index, match.index + match[0].length);
    const link: WikiLink = {
      range,
      embed,
      target: part(text, lines, innerStart, innerStart + targetEnd),
      escapedPipe,
      inTable: tableLines.has(range.start.line),
    };
    if (hash !== -1) link.heading = part(text, lines, innerStart + hash + 1, innerStart + pathEnd);
    if (pipe !== -1)
      link.alias = part(text, lines, innerStart + pipe + 1, innerStart + inner.length);
    links.push(link);
  }
  return links;
}

function part(text: string, lines: LineIndex, start: number, end: number): Spanned {
  return { text: text.slice(start, end), range: lines.range(start, end) };
}
