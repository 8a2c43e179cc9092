import type { LineIndex } from '../../text/lineIndex';
import type { Citation } from '../types';
import type { ExcludedRegions } from './excludedRegions';

// ATT&CK's citation marker; the name is kept exactly as written (some end in a space, as in ATT&CK).
const CITATION = /\(Citation: ([^)\r\n]+)\)/g;

export function scanCitations(
  text: string,
  lines: LineIndex,
  excluded: ExcludedRegions,
): Citation[] {
  const citations: Citation[] = [];
  CITATION.lastIndex = 0;
  for (let match = CITATION.exec(text); match; match = CITATION.exec(text)) {
    if (excluded.contains(match.index)) continue;
    const nameStart = match.index + match[0].length - 1 - match[1].length;
    const nameEnd = nameStart + match[1].length;
    citations.push({
      range: lines.range(match.index, match.index + match[0].length),
      name: { text: match[1], range: lines.range(nameStart, nameEnd) },
    });
  }
  return citations;
}
