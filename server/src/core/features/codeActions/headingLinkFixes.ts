import type { Diagnostic } from 'vscode-languageserver-types';
import { fixDataOf } from '../diagnostics/fixData';
import { sameRange } from './noteText';
import type { FixContext, NoteFix } from './types';

/**
 * link-heading-broken: the link's `#heading` becomes one of the target's headings close to it.
 * Choices only: a close heading may still be another section than the one meant.
 */
export function headingLinkFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const data = fixDataOf(diagnostic.data, 'link-heading-broken');
  const link = note.wikilinks.find(
    (candidate) => candidate.heading && sameRange(candidate.heading.range, diagnostic.range),
  );
  if (!data || !link?.heading) return [];
  const heading = link.heading;
  return data.suggestions.map((suggestion, i) => ({
    title: `Change the heading to #${suggestion}`,
    code: 'link-heading-broken',
    unambiguous: false,
    isPreferred: i === 0,
    edits: [{ range: heading.range, newText: suggestion }],
  }));
}
