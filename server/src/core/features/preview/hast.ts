import type { Element, ElementContent, Properties, Text } from 'hast';

/** Small builders for the server's own HTML, added to the sanitised tree as hast nodes. */

export function element(
  tagName: string,
  properties: Properties = {},
  children: ElementContent[] | string = [],
): Element {
  return {
    type: 'element',
    tagName,
    properties,
    children: typeof children === 'string' ? [text(children)] : children,
  };
}

export function text(value: string): Text {
  return { type: 'text', value };
}

/** Elements separated by `separator` text (`a, b, c`). */
export function joined(items: ElementContent[], separator: string): ElementContent[] {
  return items.flatMap((item, index) => (index === 0 ? [item] : [text(separator), item]));
}
