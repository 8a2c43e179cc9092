import type { WikiLink } from '../../model/types';
import { noteStart, relatedAt, type RuleContext } from './context';
import { editDistance } from './editDistance';
import { nameKey } from './kbMemo';
import { closestNoteName } from './noteNameSuggestions';

/** link-broken, link-ambiguous and link-heading-broken, resolved as Obsidian resolves wikilinks. */

/**
 * Attachments are not notes and the index holds notes only; a link to `diagram.png` or
 * `report.pdf` is left to Obsidian rather than reported as broken.
 */
const ATTACHMENT =
  /\.(?:png|jpe?g|gif|svg|webp|bmp|avif|pdf|mp3|wav|ogg|m4a|mp4|webm|mov|canvas|base|txt|csv|json|ya?ml|zip)$/i;

/** Related locations point at a note's first character rather than selecting all of it. */
function written(link: WikiLink): string {
  const heading = link.heading ? `#${link.heading.text}` : '';
  return `[[${link.target.text}${heading}]]`;
}

export function checkLinks(context: RuleContext): void {
  const { note, index, report } = context;
  for (const link of note.wikilinks) {
    if (ATTACHMENT.test(link.target.text.trim())) continue;
    const resolution = context.resolve(link);
    switch (resolution.kind) {
      case 'broken': {
        const closest = closestNoteName(index, link.target.text);
        const expected = closest ? `[[${closest}]]` : 'the name or vault path of an existing note';
        report(
          'link-broken',
          link.target.range,
          `No note matches ${written(link)}; expected ${expected}`,
        );
        break;
      }
      case 'ambiguous': {
        const paths = resolution.candidates.map((candidate) => candidate.vaultPath);
        report(
          'link-ambiguous',
          link.target.range,
          `${written(link)} matches ${paths.length} notes: ${paths.join(', ')}; expected a path that names one of them`,
          resolution.candidates.map((candidate) =>
            relatedAt(candidate.uri, noteStart(), `Candidate ${candidate.vaultPath}`),
          ),
        );
        break;
      }
      case 'resolved':
        if (!resolution.headingFound && link.heading) {
          const headings = resolution.target.note.headings.map((h) => h.text);
          const suggestions = closeHeadings(link.heading.text, headings);
          const shown = headings.slice(0, 8).join(', ') + (headings.length > 8 ? ', …' : '');
          report(
            'link-heading-broken',
            link.heading.range,
            `${resolution.target.name} has no heading '${link.heading.text}'; expected one of: ${shown || '(no headings)'}`,
            [
              relatedAt(
                resolution.target.uri,
                noteStart(),
                `The note ${resolution.target.vaultPath}`,
              ),
            ],
            suggestions.length > 0 ? { rule: 'link-heading-broken', suggestions } : undefined,
          );
        }
        break;
    }
  }
}

/**
 * The target's headings close to the written one (a typo, a heading reworded a little), closest
 * first: at most three, each within a third of the written length (and at least two edits).
 */
function closeHeadings(written: string, headings: readonly string[]): string[] {
  const key = nameKey(written);
  const limit = Math.max(2, Math.floor(key.length / 3));
  return (
    [...new Set(headings)]
      .map((heading) => ({ heading, distance: editDistance(key, nameKey(heading)) }))
      // A heading with the same key already matched, or was not meant: only real changes.
      .filter(({ distance }) => distance > 0 && distance <= limit)
      .sort((a, b) => a.distance - b.distance)
      .slice(0, 3)
      .map(({ heading }) => heading)
  );
}
