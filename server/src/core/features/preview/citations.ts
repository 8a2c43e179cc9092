import { normaliseName } from '../../kb/names';
import type { Note } from '../../model/types';

/**
 * Where each `(Citation: X)` of a note points. A citation names a reference line
 * (`- X: url`) exactly or after NFKC normalisation and case folding, as the citation-undefined
 * rule matches them; the first line of a name wins. Reference lines get `id="ref-<slug>"`, slugs
 * made unique within the note. In the footnote dialect a citation may name a footnote
 * definition's source instead (`[^7]: [X](url)`); its list item keeps the ID Markdown gives it.
 */

export type CitationTarget = { kind: 'reference'; id: string } | { kind: 'footnote'; line: number };

export class CitationTargets {
  /** Reference line (0-based) → the ID of its list item. */
  readonly referenceIds = new Map<number, string>();
  private readonly exact = new Map<string, CitationTarget>();
  private readonly normalised = new Map<string, CitationTarget>();

  constructor(note: Note) {
    const used = new Set<string>();
    for (const reference of note.references) {
      const id = uniqueSlug(`ref-${slugOf(reference.name.text)}`, used);
      this.referenceIds.set(reference.range.start.line, id);
      this.add(reference.name.text, { kind: 'reference', id });
    }
    for (const definition of note.footnoteDefinitions) {
      if (definition.name) {
        this.add(definition.name.text, { kind: 'footnote', line: definition.range.start.line });
      }
    }
  }

  targetOf(name: string): CitationTarget | undefined {
    return this.exact.get(name) ?? this.normalised.get(normaliseName(name));
  }

  private add(name: string, target: CitationTarget): void {
    if (!this.exact.has(name)) this.exact.set(name, target);
    const key = normaliseName(name);
    if (!this.normalised.has(key)) this.normalised.set(key, target);
  }
}

/** `Zscaler APT31 Covid-19 October 2020` → `zscaler-apt31-covid-19-october-2020`. */
export function slugOf(name: string): string {
  const slug = normaliseName(name)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'reference';
}

function uniqueSlug(slug: string, used: Set<string>): string {
  let candidate = slug;
  for (let n = 2; used.has(candidate); n++) candidate = `${slug}-${n}`;
  used.add(candidate);
  return candidate;
}
