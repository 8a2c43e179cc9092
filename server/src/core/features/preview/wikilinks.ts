import type { Element, ElementContent } from 'hast';
import type { IndexedNote, VaultIndex } from '../../index/types';
import { stripMarkdownExtension } from '../../index/vaultPaths';
import type { Note, WikiLink } from '../../model/types';
import { element, joined, text } from './hast';

/**
 * Wikilinks as preview links, resolved by the index exactly as diagnostics and go-to-definition
 * resolve them. The client opens `data-note-uri` (at `data-line-target` when set) in the editor.
 */

/** What the link shows: its alias, else the target's name (and `#heading`), as Obsidian does. */
export function linkLabel(link: WikiLink): string {
  const alias = link.alias?.text.trim();
  if (alias) return alias;
  const target = link.target.text.trim();
  const name = target === '' ? '' : stripMarkdownExtension(target.split('/').pop() ?? target);
  const heading = link.heading?.text.trim();
  if (!heading) return name || target;
  return name ? `${name} > ${heading}` : heading;
}

/** A link to a note, opening it at `line` when given. */
export function noteLink(
  target: IndexedNote,
  label: string,
  options: { line?: number; classes?: string[]; title?: string } = {},
): Element {
  return element(
    'a',
    {
      className: ['wikilink', ...(options.classes ?? [])],
      href: '#',
      dataNoteUri: target.uri,
      dataLineTarget: options.line,
      title: options.title ?? target.vaultPath,
    },
    label,
  );
}

/** The elements that stand for `link` written in `note`. */
export function wikilinkElements(link: WikiLink, note: Note, index: VaultIndex): ElementContent[] {
  const label = linkLabel(link);
  const classes = link.embed ? ['embed'] : [];
  const resolution = index.resolveLink(note.uri, link);
  const written = link.target.text.trim();
  switch (resolution.kind) {
    case 'resolved': {
      if (!link.heading) return [noteLink(resolution.target, label, { classes })];
      if (resolution.heading) {
        return [
          noteLink(resolution.target, label, {
            classes,
            line: resolution.heading.range.start.line,
          }),
        ];
      }
      return [
        noteLink(resolution.target, label, {
          classes: [...classes, 'heading-missing'],
          title: `${resolution.target.vaultPath} has no heading “${link.heading.text.trim()}”`,
        }),
      ];
    }
    case 'broken':
      return [
        element(
          'a',
          {
            className: ['wikilink', 'broken', ...classes],
            href: '#',
            title: `No note named “${written}” in this vault`,
          },
          label,
        ),
      ];
    case 'ambiguous': {
      const candidates = resolution.candidates.map((candidate) =>
        noteLink(candidate, stripMarkdownExtension(candidate.vaultPath)),
      );
      return [
        element(
          'a',
          {
            className: ['wikilink', 'ambiguous', ...classes],
            href: '#',
            dataCandidates: JSON.stringify(resolution.candidates.map((c) => c.uri)),
            title: `“${written}” matches ${resolution.candidates.length} notes`,
          },
          label,
        ),
        element('span', { className: ['candidates'] }, [
          text(' ('),
          ...joined(candidates, ', '),
          text(')'),
        ]),
      ];
    }
  }
}
