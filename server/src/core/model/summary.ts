import { LineIndex } from '../text/lineIndex';
import { atxHeading } from './blocks/lineShapes';
import { locateFrontmatter, parseFrontmatter } from './frontmatter';
import { findIdentity, ID_SHAPES } from './identity';
import { wikiLinkTargets } from './inline/wikiLinks';
import { parseNote, withoutBom } from './parseNote';
import type { Frontmatter, Heading, Note, NoteIdentity } from './types';

/**
 * What the workspace index needs of a note it does not hold open: its identity, its front matter
 * aliases and the targets of its links. The index keeps this summary for every note and builds
 * the full model only when a feature asks for it, so opening a vault does not parse every note.
 *
 * `identity` and `aliases` are exactly the full model's; `linkTargets` may hold more than the
 * model's links (a `[[...]]` inside code counts here), since the index uses it only to find the
 * notes that *might* link to a note, and then reads their models.
 */
export interface NoteSummary {
  identity?: NoteIdentity;
  aliases: string[];
  /** Target text of every `[[target#heading|alias]]` in the note (a superset of its links). */
  linkTargets: string[];
  /**
   * The ATT&CK IDs the text mentions (`text/idMentionPattern.ts`), upper-case, once each: what
   * references test every note for. Not made by the scan (a pass over the whole text would add
   * to opening a vault); the index fills it in when first asked or when it writes the summary
   * cache, so a reopened vault answers references without reading every note.
   */
  mentionedIds?: string[];
}

/**
 * The summary of a note's text: a scan with regular expressions and `indexOf` (fast even before
 * the JIT has warmed up, which is when a vault is first indexed), or the full model when the note
 * holds something the scan cannot decide alone (an ID heading near code, HTML or a container).
 */
export function summarizeNote(text: string, uri: string): NoteSummary {
  try {
    const scanned = scanSummary(text, uri);
    if (scanned) return scanned;
  } catch {
    // Never expected; the full parser never throws and decides every case.
  }
  return summaryOfModel(parseNote(text, uri));
}

/** The summary of a full model (an open note, or a note the scan could not decide). */
export function summaryOfModel(note: Note): NoteSummary {
  const summary: NoteSummary = {
    aliases: frontmatterAliases(note.frontmatter),
    linkTargets: note.wikilinks.map((link) => link.target.text),
  };
  if (note.identity) summary.identity = note.identity;
  return summary;
}

/**
 * The scan; undefined when it cannot be sure of the identity. Front matter is read by the same
 * code as the full parser; the one thing the parser's block scanner decides that a line pattern
 * could get wrong is which `## T1059` lines are headings, so the scan answers only when the first
 * line that looks like an ID heading is plainly one. Only that line matters: identity takes the
 * first heading whose text is an ID, the parser lists headings in document order, and nothing
 * written below a line can make it, or anything above it, more or less of a heading.
 */
export function scanSummary(rawText: string, uri: string): NoteSummary | undefined {
  const text = withoutBom(rawText);
  const front = readFrontmatter(text);
  const heading = firstIdHeading(text, front ? front.bodyStart : 0);
  if (heading === DOUBTFUL) return undefined;
  const summary: NoteSummary = {
    aliases: frontmatterAliases(front?.frontmatter),
    linkTargets: wikiLinkTargets(text),
  };
  const identity = findIdentity(front?.frontmatter, heading ? [heading] : [], uri);
  if (identity) summary.identity = identity;
  return summary;
}

// The first line after the opening `---` that starts like a closing line (`---` or `...`).
const CLOSE_CANDIDATE = /[\n\r](?:---|\.\.\.)[^\n\r]*/g;

/**
 * The front matter as the parser reads it, and where the body starts. The line index covers the
 * text only up to the likely closing line: an index of the whole note (thousands of line starts)
 * would be built for three lines. Up to any line end the short index's lines are the whole one's,
 * so the closing line found in it is the one the parser finds; when none is, the whole is read.
 */
function readFrontmatter(
  text: string,
): { frontmatter: Frontmatter; bodyStart: number } | undefined {
  // The opening line is `---` and blanks: nothing else starts with `---`.
  if (!text.startsWith('---')) return undefined;
  CLOSE_CANDIDATE.lastIndex = 3;
  if (!CLOSE_CANDIDATE.exec(text)) return undefined; // no line could close it
  let lines = new LineIndex(text.slice(0, CLOSE_CANDIDATE.lastIndex));
  let block = locateFrontmatter(lines);
  if (!block) {
    lines = new LineIndex(text);
    block = locateFrontmatter(lines);
    if (!block) return undefined;
  }
  const closeEnd = lines.lineEnd(block.closeLine);
  const frontmatter = parseFrontmatter(text, lines, block);
  return { frontmatter, bodyStart: afterLineBreak(text, closeEnd) };
}

/** The offset after the line break at `lineEnd` (the text's length at its end). */
function afterLineBreak(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length;
  return text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10
    ? lineEnd + 2
    : lineEnd + 1;
}

// A `#` run, blanks and an ATT&CK ID ending the line: the shapes identity.ts takes, whole. The
// line's end is written out: under the `m` flag `$` also ends a line at U+2028/U+2029, which
// Markdown does not (no pattern of the scan uses `m`).
const ID_HEADING_TAIL = new RegExp(
  `#[ \\t]+(?:${ID_SHAPES})(?:[ \\t]+#*)?[ \\t]*(?=[\\n\\r]|$)`,
  'gi',
);
// A line of `=` or `-` (a setext underline, or a rule): found by its line break, which V8 finds
// quickly; a pattern starting with `^` under the `m` flag is tried at every position instead.
const UNDERLINE = /[\n\r] {0,3}(?:=+|-+)[ \t]*(?=[\n\r]|$)/g;
// The end of a line that is, or ends in, an ATT&CK ID.
const ENDS_IN_ID = new RegExp(`(?:${ID_SHAPES})[ \\t]*$`, 'i');

/** The scan cannot tell whether a line that looks like an ID heading is one. */
const DOUBTFUL = 'doubtful';

/**
 * The body's first ATX heading whose text is an ATT&CK ID (undefined when there is none), or
 * DOUBTFUL when it might not be a heading (indented, in a list or quote, after the opening of
 * code or HTML) or a setext heading might come first.
 */
function firstIdHeading(text: string, bodyStart: number): Heading | undefined | typeof DOUBTFUL {
  ID_HEADING_TAIL.lastIndex = bodyStart;
  for (let match = ID_HEADING_TAIL.exec(text); match; match = ID_HEADING_TAIL.exec(text)) {
    // The pattern ends at the line's end, and the line starts after the last break before it.
    const lineEnd = ID_HEADING_TAIL.lastIndex;
    const lineStart = lineStartBefore(text, match.index);
    let hashes = match.index;
    while (hashes > lineStart && text.charCodeAt(hashes - 1) === 35 /* # */) hashes--;
    if (match.index - hashes >= 6) continue; // seven or more `#`s: a paragraph, never a heading
    if (!/^ {0,3}$/.test(text.slice(lineStart, hashes))) return DOUBTFUL;
    const line = text.slice(lineStart, lineEnd);
    const shape = atxHeading(line);
    if (!shape) return DOUBTFUL;
    // A fence or HTML block opened above could hold the line, a setext heading come before it.
    const above = text.slice(bodyStart, lineStart);
    if (mayHoldSetextId(above) || mayHoldCodeOrHtml(above)) return DOUBTFUL;
    // Line numbers are needed only up to this line.
    const lines = new LineIndex(text.slice(0, lineEnd));
    return {
      level: shape.level,
      text: line.slice(shape.textStart, shape.textEnd),
      range: lines.range(lineStart, lineEnd),
      textRange: lines.range(lineStart + shape.textStart, lineStart + shape.textEnd),
    };
  }
  return mayHoldSetextId(text.slice(bodyStart)) ? DOUBTFUL : undefined;
}

/** Whether a line ending in an ID sits right above a `===` or `---` line (a setext heading?). */
function mayHoldSetextId(body: string): boolean {
  UNDERLINE.lastIndex = 0;
  for (let match = UNDERLINE.exec(body); match; match = UNDERLINE.exec(body)) {
    let lineEnd = match.index;
    if (body.charCodeAt(lineEnd) === 10 && body.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (ENDS_IN_ID.test(body.slice(lineStartBefore(body, lineEnd - 1), lineEnd))) return true;
  }
  return false;
}

/** The start of the line holding `offset`: after the last line break at or before it. */
function lineStartBefore(text: string, offset: number): number {
  return Math.max(text.lastIndexOf('\n', offset), text.lastIndexOf('\r', offset)) + 1;
}

/** Whether a fenced code block or an HTML block may start in `body` (a superset: any fence mark). */
function mayHoldCodeOrHtml(body: string): boolean {
  return body.includes('```') || body.includes('~~~') || mayStartHtmlBlock(body);
}

/** Whether a line starts with `<` after at most three spaces (an HTML block may open there). */
function mayStartHtmlBlock(body: string): boolean {
  // Notes hold few `<`s, mostly inline (`<code>`): jumping between them beats a pattern that
  // must be tried at every line break of the note.
  for (let at = body.indexOf('<'); at !== -1; at = body.indexOf('<', at + 1)) {
    let before = at - 1;
    while (before >= 0 && at - before <= 4 && body.charCodeAt(before) === 32) before--;
    if (at - before > 4) continue; // four or more spaces: indented, not an HTML block
    const code = before < 0 ? 10 : body.charCodeAt(before);
    if (code === 10 || code === 13) return true;
  }
  return false;
}

/** `alias` and `aliases` values of the front matter, as YAML reads them (a string may list several). */
export function frontmatterAliases(frontmatter: Frontmatter | undefined): string[] {
  const data = frontmatter?.data;
  if (!data) return [];
  const found: string[] = [];
  for (const key of ['aliases', 'alias']) {
    const value = data[key];
    const values = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
    for (const item of values) {
      if (typeof item === 'string' && item.trim() !== '') found.push(item.trim());
    }
  }
  return found;
}
