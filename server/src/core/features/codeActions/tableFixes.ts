import type { Diagnostic } from 'vscode-languageserver-types';
import { comparePositions } from '../diagnostics/ranges';
import type { FixContext, NoteFix } from './types';

/** table-unescaped-pipe: the bare alias pipe of a link in a table row becomes `\|`. */
export function escapePipeFixes({ note }: FixContext, diagnostic: Diagnostic): NoteFix[] {
  const link = note.wikilinks.find(
    (candidate) =>
      candidate.inTable &&
      !candidate.escapedPipe &&
      candidate.alias !== undefined &&
      comparePositions(candidate.alias.range.start, diagnostic.range.end) === 0,
  );
  if (!link?.alias) return [];
  const after = link.alias.range.start;
  const pipe = { start: { line: after.line, character: after.character - 1 }, end: after };
  return [
    {
      title: 'Escape the pipe: \\|',
      code: 'table-unescaped-pipe',
      unambiguous: true,
      isPreferred: true,
      edits: [{ range: pipe, newText: '\\|' }],
    },
  ];
}
