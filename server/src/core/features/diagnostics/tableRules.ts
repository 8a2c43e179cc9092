import type { WikiLink } from '../../model/types';
import type { RuleContext } from './context';
import { rangeWithin } from './ranges';

/**
 * table-unescaped-pipe (`[[Audit|M1047]]` in a row: the bare `|` splits the cell) and
 * table-malformed (a row whose cell count differs from the header's).
 */

function hasBarePipe(link: WikiLink): boolean {
  return link.inTable && link.alias !== undefined && !link.escapedPipe;
}

function escapedForm(link: WikiLink): string {
  const heading = link.heading ? `#${link.heading.text}` : '';
  return `[[${link.target.text}${heading}\\|${link.alias?.text ?? ''}]]`;
}

export function checkTables(context: RuleContext): void {
  const { note, facts, report, enabled } = context;
  const linesWithBarePipe = new Set<number>();
  for (const link of note.wikilinks) {
    if (!hasBarePipe(link) || !link.alias) continue;
    linesWithBarePipe.add(link.range.start.line);
    const pipeEnd = link.alias.range.start;
    const pipe = { start: { line: pipeEnd.line, character: pipeEnd.character - 1 }, end: pipeEnd };
    report(
      'table-unescaped-pipe',
      pipe,
      `A bare | inside a table row splits the cell; escape the link's alias pipe: expected ${escapedForm(link)}`,
    );
  }

  for (const table of note.tables) {
    const expected = table.header.cells.length;
    for (const row of table.rows) {
      if (row.cells.length === expected) continue;
      // The bare pipe already explains the extra cell; one finding per cause is enough.
      const line = row.range.start.line;
      if (enabled('table-unescaped-pipe') && linesWithBarePipe.has(line)) {
        const explained = (facts.linksByLine.get(line) ?? []).some(
          (link) => hasBarePipe(link) && rangeWithin(link.range, row.range),
        );
        if (explained) continue;
      }
      report(
        'table-malformed',
        row.range,
        `This row has ${row.cells.length} cells but the header has ${expected}; expected ${expected} cells`,
      );
    }
  }
}
