/**
 * CommonMark HTML blocks: inside one, lines are raw HTML, so a `- x` or `| a |` there is no list item
 * or table. Each start condition has its own end condition (CommonMark 0.31, section 4.6).
 */

export interface HtmlBlockKind {
  /** The block ends on the line that matches this (that line included)... */
  endsWith?: RegExp;
  /** ...or, for the generic kinds, at the first blank line. */
  endsAtBlankLine: boolean;
  /** The "complete tag on its own line" kind (`<span>`), which cannot interrupt a paragraph. */
  genericTag?: boolean;
}

const RAW_TEXT = /^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
const BLOCK_TAG =
  /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|\/?>|$)/i;
const COMPLETE_TAG_LINE =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

/**
 * The HTML block kind that `content` (a line from its first non-blank character) starts, if any.
 * The generic "complete tag on its own line" kind cannot interrupt a paragraph.
 */
export function htmlBlockStart(
  content: string,
  interruptsParagraph: boolean,
): HtmlBlockKind | undefined {
  if (content.charCodeAt(0) !== 60 /* < */) return undefined;
  if (RAW_TEXT.test(content))
    return { endsWith: /<\/(?:script|pre|style|textarea)>/i, endsAtBlankLine: false };
  if (content.startsWith('<!--')) return { endsWith: /-->/, endsAtBlankLine: false };
  if (content.startsWith('<?')) return { endsWith: /\?>/, endsAtBlankLine: false };
  if (content.startsWith('<![CDATA[')) return { endsWith: /\]\]>/, endsAtBlankLine: false };
  if (/^<![A-Za-z]/.test(content)) return { endsWith: />/, endsAtBlankLine: false };
  if (BLOCK_TAG.test(content)) return { endsAtBlankLine: true };
  if (!interruptsParagraph && COMPLETE_TAG_LINE.test(content)) {
    return { endsAtBlankLine: true, genericTag: true };
  }
  return undefined;
}

/** Whether the start line itself already holds the end (`<!-- x -->` on one line). */
export function htmlBlockEndsOnStartLine(kind: HtmlBlockKind, content: string): boolean {
  if (!kind.endsWith) return false;
  // Search after the opener so `<!--` itself cannot count; `<!-->` still closes at once.
  return kind.endsWith.test(content.slice(2));
}
