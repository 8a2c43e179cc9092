import type { LineIndex } from '../../text/lineIndex';
import type { ReferenceLine, Section } from '../types';
import { splitNameAndUrl } from './urls';

/** `- source name: url` items of every section headed "References" (seed dialect). */
export function readReferenceLines(
  lines: LineIndex,
  sections: readonly Section[],
): ReferenceLine[] {
  const references: ReferenceLine[] = [];
  for (const section of sections) {
    if (section.key !== 'references') continue;
    for (const item of section.items) {
      const start = lines.offsetAt(item.textRange.start);
      const parts = splitNameAndUrl(item.text);
      const reference: ReferenceLine = {
        range: item.range,
        name: {
          text: item.text.slice(parts.name.start, parts.name.end),
          range: lines.range(start + parts.name.start, start + parts.name.end),
        },
      };
      if (parts.url) {
        reference.url = {
          text: item.text.slice(parts.url.start, parts.url.end),
          range: lines.range(start + parts.url.start, start + parts.url.end),
        };
      }
      references.push(reference);
    }
  }
  return references;
}
