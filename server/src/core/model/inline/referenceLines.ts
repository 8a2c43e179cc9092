import { lineRange } from '../blocks/lineRange';
import type { ReferenceLine, Section } from '../types';
import { splitNameAndUrl } from './urls';

/** `- source name: url` items of every section headed "References" (seed dialect). */
export function readReferenceLines(sections: readonly Section[]): ReferenceLine[] {
  const references: ReferenceLine[] = [];
  for (const section of sections) {
    if (section.key !== 'references') continue;
    for (const item of section.items) {
      // An item is one line, so its parts' positions are columns on that line.
      const line = item.textRange.start.line;
      const column = item.textRange.start.character;
      const parts = splitNameAndUrl(item.text);
      const reference: ReferenceLine = {
        range: item.range,
        name: {
          text: item.text.slice(parts.name.start, parts.name.end),
          range: lineRange(line, column + parts.name.start, column + parts.name.end),
        },
      };
      if (parts.url) {
        reference.url = {
          text: item.text.slice(parts.url.start, parts.url.end),
          range: lineRange(line, column + parts.url.start, column + parts.url.end),
        };
      }
      references.push(reference);
    }
  }
  return references;
}
