import type { LineIndex } from '../../text/lineIndex';
import type { RuleDirective } from '../types';
import type { OffsetSpan } from './excludedRegions';

const DIRECTIVE = /^<!--\s*attack-notes-(disable-next-line|disable|enable)(?=\s|-->)([\s\S]*?)-->$/;

/** `<!-- attack-notes-disable rule-a, rule-b -->` and friends, read from the note's HTML comments. */
export function scanDirectives(
  text: string,
  lines: LineIndex,
  comments: readonly OffsetSpan[],
): RuleDirective[] {
  const directives: RuleDirective[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(text.slice(comment.start, comment.end));
    if (!match) continue;
    directives.push({
      kind: match[1] as RuleDirective['kind'],
      rules: match[2].split(/[\s,]+/).filter((rule) => rule.length > 0),
      range: lines.range(comment.start, comment.end),
    });
  }
  return directives;
}
