import type { Element, ElementContent } from 'hast';
import { element, text } from './hast';

/**
 * Obsidian callouts: a block quote whose first line is `[!type]` (then `-` folded, `+` unfolded,
 * and a title) becomes a box with that title; a foldable one a `<details>` (folded unless `+`),
 * so it opens and closes without script. The kb dialect keeps its references in one
 * (`> [!info]- References`). Works on the sanitised tree: only the note's text is read, and the
 * type never becomes markup.
 */

const CALLOUT_HEAD = /^\[!([^\]\s]+)\]([+-]?)[ \t]*/;

export function calloutOf(quote: Element): Element | undefined {
  const firstIndex = quote.children.findIndex((child) => child.type === 'element');
  const first = quote.children[firstIndex];
  if (!first || first.type !== 'element' || first.tagName !== 'p') return undefined;
  const opening = first.children[0];
  if (!opening || opening.type !== 'text') return undefined;
  const head = CALLOUT_HEAD.exec(opening.value);
  if (!head) return undefined;
  const [, type, fold] = head;

  // The title runs to the end of the first line; the rest of the paragraph is the callout's body.
  const inline: ElementContent[] = [
    text(opening.value.slice(head[0].length)),
    ...first.children.slice(1),
  ];
  const title: ElementContent[] = [];
  const rest: ElementContent[] = [];
  for (const child of inline) {
    if (rest.length > 0 || child.type !== 'text' || !child.value.includes('\n')) {
      (rest.length > 0 ? rest : title).push(child);
      continue;
    }
    const newline = child.value.indexOf('\n');
    title.push(text(child.value.slice(0, newline)));
    rest.push(text(child.value.slice(newline + 1)));
  }
  const titleText = title.some((child) => child.type !== 'text' || child.value.trim() !== '');
  const heading = titleText ? trimmed(title) : [text(type.charAt(0).toUpperCase() + type.slice(1))];

  const body: ElementContent[] = [];
  if (rest.some((child) => child.type !== 'text' || child.value.trim() !== '')) {
    const paragraph = element('p', first.properties, rest);
    if (first.position) {
      // The body starts on the line after the title.
      const line = first.position.start.line + 1;
      paragraph.position = { start: { line, column: 1 }, end: first.position.end };
    }
    body.push(paragraph);
  }
  body.push(...quote.children.slice(firstIndex + 1));

  const titleElement = element(fold ? 'summary' : 'p', { className: ['callout-title'] }, heading);
  titleElement.position = first.position;
  const box = fold
    ? element('details', { className: ['callout'], open: fold === '+' }, [titleElement, ...body])
    : element('div', { className: ['callout'] }, [titleElement, ...body]);
  box.position = quote.position;
  return box;
}

function trimmed(nodes: ElementContent[]): ElementContent[] {
  const result = [...nodes];
  const first = result[0];
  if (first?.type === 'text') result[0] = text(first.value.trimStart());
  const last = result[result.length - 1];
  if (last?.type === 'text') result[result.length - 1] = text(last.value.trimEnd());
  return result;
}
