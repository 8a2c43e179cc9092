import { htmlBlockStart } from './htmlBlockStart';
import { atxHeading, firstNonBlank, listMarker, type ListMarkerShape } from './lineShapes';

/** Line shapes the fast block scanner recognises at a line's first non-blank character. */
export const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
export const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
export const SETEXT_UNDERLINE = /^(=+|-+)[ \t]*$/;
export const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
export const FOOTNOTE_DEFINITION = /^\[\^[^\]\s]+\]:/;
export const QUOTE_MARKER = /^ {0,3}> ?/;

/**
 * Whether a block quote line leaves a paragraph open (which the next plain line then continues):
 * its content, under any list or quote markers, is text rather than a heading, fence, rule or HTML.
 */
export function endsInParagraph(inner: string): boolean {
  let content = inner;
  for (;;) {
    content = content.slice(firstNonBlank(content));
    const marker = listMarker(content, 0);
    if (marker) content = content.slice(marker.contentStart);
    else if (content.charCodeAt(0) === 62 /* > */) content = content.slice(1);
    else break;
  }
  if (content.length === 0) return false;
  return (
    !atxHeading(content) &&
    !FENCE_OPEN.test(content) &&
    !THEMATIC_BREAK.test(content) &&
    !htmlBlockStart(content, false)
  );
}

/** A list item may interrupt a paragraph only when it has content and, if ordered, starts at 1. */
export function canInterruptParagraph(marker: ListMarkerShape): boolean {
  return !marker.empty && (marker.bullet || marker.number === 1);
}

/** Characters that can begin a block other than a paragraph (`>`, `#`, fences, markers, `[^`, `<`). */
const BLOCK_START_CHARACTERS = new Uint8Array(128);
for (const ch of '>#`~=-*_+[<0123456789') BLOCK_START_CHARACTERS[ch.charCodeAt(0)] = 1;

export function mayStartBlock(code: number): boolean {
  return code < 128 && BLOCK_START_CHARACTERS[code] === 1;
}
