import { countFindings, severityName, type FileFindings } from '../findings';

/**
 * `file:line:col severity code message`, one finding a line, then a summary and the notices. Lines and columns
 * are 1-based here, as terminals and editors expect when they turn `file:line:col` into a link.
 */
export function formatText(
  results: readonly FileFindings[],
  notesChecked: number,
  notices: readonly string[] = [],
): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) {
      const { line, character } = d.range.start;
      lines.push(
        `${file}:${line + 1}:${character + 1} ${severityName(d)} ${String(d.code)} ${d.message}`,
      );
    }
  }
  lines.push(summaryLine(results, notesChecked));
  // About the vault as a whole (it looks newer than the loaded ATT&CK), after the counts.
  lines.push(...notices);
  return lines.join('\n') + '\n';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(results: readonly FileFindings[], notesChecked: number): string {
  const counts = countFindings(results);
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const notes = plural(notesChecked, 'note');
  if (total === 0) return `No problems found in ${notes}.`;
  const files = results.filter((r) => r.diagnostics.length > 0).length;
  const parts = [
    plural(counts.error, 'error'),
    plural(counts.warning, 'warning'),
    `${counts.info} info`,
    plural(counts.hint, 'hint'),
  ];
  return `${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')} of ${notes}.`;
}
