import type { Diagnostic } from 'vscode-languageserver-types';

/** What `attack-notes check` found in one file, ready for a formatter. */
export interface FileFindings {
  /** Path relative to the current folder, with `/` separators (as printed and in JSON/SARIF). */
  file: string;
  diagnostics: Diagnostic[];
}

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** LSP severities are 1 (error) to 4 (hint); a missing one means error, as LSP specifies. */
export function severityName(diagnostic: Diagnostic): SeverityName {
  switch (diagnostic.severity) {
    case 2:
      return 'warning';
    case 3:
      return 'info';
    case 4:
      return 'hint';
    default:
      return 'error';
  }
}

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
  hint: number;
}

export function countFindings(results: readonly FileFindings[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const result of results) {
    for (const diagnostic of result.diagnostics) counts[severityName(diagnostic)]++;
  }
  return counts;
}
