import type { LineIndex } from '../../text/lineIndex';
import type { Spanned, WikiLink } from '../types';
import type { ExcludedRegions } from './excludedRegions';
import { PositionCursor } from './positionCursor';

/**
 * Finds `[[target#heading|alias]]` links and `![[...]]` embeds with the range of each part.
 * In a table row the alias pipe is written `\|`; the backslash then belongs to neither part.
 * Obsidian links cannot span lines or hold brackets.
 */
export function scanWikiLinks(
  text: string,
  lines: LineIndex,
  excluded: ExcludedRegions,
  tableLines: ReadonlySet<number>,
): WikiLink[] {
  const links: WikiLink[] = [];
  const positions = new PositionCursor(lines);
  for (let open = text.indexOf('[['); open !== -1; open = text.indexOf('[[', open + 1)) {
    const innerStart = open + 2;
    const close = linkClose(text, innerStart);
    if (close === -1) continue;
    const embed = open > 0 && text.charCodeAt(open - 1) === 33; /* ! */
    const start = embed ? open - 1 : open;
    if (excluded.contains(start)) continue;
    links.push(readLink(text, positions, start, innerStart, close, embed, tableLines));
    open = close + 1;
  }
  return links;
}

/**
 * The target text of every `[[...]]` in `text`, wherever it is (code and front matter included):
 * what the index files a note's possible links under, without building the note's model.
 */
export function wikiLinkTargets(text: string): string[] {
  const targets: string[] = [];
  // `indexOf` jumps to each `[[` at native speed, and a sticky pattern checks the shape
  // `linkClose` accepts (no brackets or line breaks inside, not empty) where it stands: both are
  // fast before the JIT has warmed up, when a loop over the characters is not, and a pattern
  // searching the whole note is slower than `indexOf` there. Each `]]` ends the search for the
  // next `[[`, as a global pattern's matches do not overlap.
  for (let open = text.indexOf('[['); open !== -1; open = text.indexOf('[[', open + 1)) {
    LINK_AT.lastIndex = open;
    if (!LINK_AT.test(text)) continue;
    const close = LINK_AT.lastIndex - 2;
    const inner = text.slice(open + 2, close);
    targets.push(inner.slice(0, targetLength(inner)));
    open = close + 1;
  }
  return targets;
}

const LINK_AT = /\[\[[^[\]\r\n]+\]\]/y;

/** The length of the target in a link's inner text, as `linkParts` reads it (no object made). */
function targetLength(inner: string): number {
  return targetEndOf(inner, pathEndOf(inner, inner.indexOf('|')));
}

/** Where the parts of a link's inner text (`target#heading|alias`) end. */
function linkParts(inner: string): {
  pipe: number;
  escapedPipe: boolean;
  pathEnd: number;
  hash: number;
  targetEnd: number;
} {
  const pipe = inner.indexOf('|');
  const pathEnd = pathEndOf(inner, pipe);
  const targetEnd = targetEndOf(inner, pathEnd);
  return {
    pipe,
    escapedPipe: pipe !== -1 && pathEnd === pipe - 1,
    pathEnd,
    hash: targetEnd < pathEnd ? targetEnd : -1,
    targetEnd,
  };
}

/** Where the path (`target#heading`) ends: at the `|` at `pipe`, or at its `\` in a table's `\|`. */
function pathEndOf(inner: string, pipe: number): number {
  if (pipe === -1) return inner.length;
  return pipe > 0 && inner.charCodeAt(pipe - 1) === 92 /* \ */ ? pipe - 1 : pipe;
}

/** Where the target ends within the path: at its first `#`, if any. */
function targetEndOf(inner: string, pathEnd: number): number {
  const hash = inner.indexOf('#');
  return hash !== -1 && hash < pathEnd ? hash : pathEnd;
}

/** Offset of the `]]` that closes a link whose text starts at `from`, or -1. */
function linkClose(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 93 /* ] */) return i > from && text.charCodeAt(i + 1) === 93 ? i : -1;
    if (code === 91 /* [ */ || code === 10 || code === 13) return -1;
  }
  return -1;
}

function readLink(
  text: string,
  lines: PositionCursor,
  start: number,
  innerStart: number,
  innerEnd: number,
  embed: boolean,
  tableLines: ReadonlySet<number>,
): WikiLink {
  const { pipe, escapedPipe, pathEnd, hash, targetEnd } = linkParts(
    text.slice(innerStart, innerEnd),
  );
  const range = lines.range(start, innerEnd + 2);
  const link: WikiLink = {
    range,
    embed,
    target: part(text, lines, innerStart, innerStart + targetEnd),
    escapedPipe,
    inTable: tableLines.has(range.start.line),
  };
  if (hash !== -1) link.heading = part(text, lines, innerStart + hash + 1, innerStart + pathEnd);
  if (pipe !== -1) link.alias = part(text, lines, innerStart + pipe + 1, innerEnd);
  return link;
}

function part(text: string, lines: PositionCursor, start: number, end: number): Spanned {
  return { text: text.slice(start, end), range: lines.range(start, end) };
}
