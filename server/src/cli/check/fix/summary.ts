import type { FixedNote } from './fixVault';

/**
 * What `check --fix` changed, one line per file (`file: 2 table-unescaped-pipe, 1
 * mitigation-missing`), under a count; the findings left follow in the chosen format.
 */
export function formatFixSummary(
  changed: readonly FixedNote[],
  displayPath: (fsPath: string) => string,
  dryRun: boolean,
): string {
  if (changed.length === 0) return 'Nothing to fix.\n';
  let total = 0;
  const lines = changed.map((note) => {
    const parts = [...note.fixed]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([code, count]) => {
        total += count;
        return `${count} ${code}`;
      });
    const unsettled = note.unsettled ? ' (still changing after the last pass)' : '';
    return `  ${displayPath(note.fsPath)}: ${parts.join(', ') || 'changed'}${unsettled}`;
  });
  const files = `${changed.length} file${changed.length === 1 ? '' : 's'}`;
  const head = `${dryRun ? 'Would fix' : 'Fixed'} ${total} problem${total === 1 ? '' : 's'} in ${files}:`;
  return [head, ...lines].join('\n') + '\n';
}
