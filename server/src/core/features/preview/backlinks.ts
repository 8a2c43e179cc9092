import type { Element, ElementContent } from 'hast';
import type { IndexedNote, VaultIndex } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import { element } from './hast';
import { noteTitle } from './noteNames';
import { noteLink } from './wikilinks';

/**
 * "Linked from": one link per note whose wikilinks resolve to this note (the index's backlinks),
 * opening that note at its first such link, sorted by vault path.
 */
export function backlinksSection(uri: string, index: VaultIndex, kb: KnowledgeBase): Element {
  const self = index.get(uri)?.uri;
  const firstLinks = new Map<string, { source: IndexedNote; line: number }>();
  for (const { source, link } of index.backlinks(uri)) {
    if (source.uri === self || firstLinks.has(source.uri)) continue;
    firstLinks.set(source.uri, { source, line: link.range.start.line });
  }
  const sources = [...firstLinks.values()].sort((a, b) =>
    a.source.vaultPath < b.source.vaultPath ? -1 : a.source.vaultPath > b.source.vaultPath ? 1 : 0,
  );
  const children: ElementContent[] = [element('h2', {}, 'Linked from')];
  if (sources.length === 0) {
    children.push(element('p', { className: ['backlinks-empty'] }, 'No other note links here.'));
  } else {
    children.push(
      element(
        'ul',
        {},
        sources.map(({ source, line }) =>
          element('li', {}, [noteLink(source, noteTitle(source, kb), { line })]),
        ),
      ),
    );
  }
  return element('section', { className: ['backlinks'] }, children);
}
