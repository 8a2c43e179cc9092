import type { LineIndex } from '../text/lineIndex';
import type { Heading, ListItem, Section, Table } from './types';

/** The lookup key of a heading: NFKC-normalised and case-folded, so `Antivirus／Antimalware` matches. */
export function sectionKey(headingText: string): string {
  // NFKC leaves ASCII unchanged, and most headings are ASCII: skip the costly normalisation.
  const normalized = /^[\x20-\x7e]*$/.test(headingText)
    ? headingText
    : headingText.normalize('NFKC');
  return normalized.toLowerCase().trim();
}

/**
 * One section per heading, running to the next heading of the same or a higher level; its items are
 * the bullet items before the next heading of any level (those of subsections belong to them).
 */
export function buildSections(
  lines: LineIndex,
  headings: readonly Heading[],
  bulletItems: readonly ListItem[],
): Section[] {
  const sections: Section[] = [];
  let itemIndex = 0;
  for (let h = 0; h < headings.length; h++) {
    const heading = headings[h];
    let end = lines.text.length;
    for (let next = h + 1; next < headings.length; next++) {
      if (headings[next].level <= heading.level) {
        end = lines.lineEnd(headings[next].range.start.line - 1);
        break;
      }
    }
    const itemsEndLine =
      h + 1 < headings.length ? headings[h + 1].range.start.line : Number.POSITIVE_INFINITY;
    while (
      itemIndex < bulletItems.length &&
      bulletItems[itemIndex].range.start.line < heading.range.start.line
    ) {
      itemIndex++;
    }
    const items: ListItem[] = [];
    while (
      itemIndex < bulletItems.length &&
      bulletItems[itemIndex].range.start.line < itemsEndLine
    ) {
      items.push(bulletItems[itemIndex++]);
    }
    sections.push({
      heading,
      key: sectionKey(heading.text),
      range: { start: heading.range.start, end: lines.positionAt(end) },
      items,
    });
  }
  return sections;
}

/** Gives each table the index of the section of the nearest heading above it. */
export function assignTableSections(tables: Table[], sections: readonly Section[]): void {
  let section = -1;
  for (const table of tables) {
    while (
      section + 1 < sections.length &&
      sections[section + 1].heading.range.start.line < table.range.start.line
    ) {
      section++;
    }
    if (section >= 0) table.sectionIndex = section;
  }
}
