// What the coverage matrix webview draws, built from the server's coverage (attackNotes/coverage).
// Pure data and functions: the webview script imports the types, the unit tests the functions.
// Note URIs stay in the extension: the webview knows cells by ATT&CK ID only.
import type {
  CoverageMatrix,
  TechniqueCoverage,
} from '../../../server/src/lsp/protocol/coverageRequest';

export type MatrixDomain = 'enterprise' | 'ics' | 'mobile';
export const MATRIX_DOMAINS: readonly MatrixDomain[] = ['enterprise', 'ics', 'mobile'];
export const DOMAIN_LABELS: Record<MatrixDomain, string> = {
  enterprise: 'Enterprise',
  ics: 'ICS',
  mobile: 'Mobile',
};

/**
 * A cell's colour: no note; a note listing less than half of the mitigations ATT&CK maps to the
 * technique; half or more; all of them (or ATT&CK maps none). A note the server has not read yet
 * is `counting`: its listed mitigations read 0 until then, and red would say something false.
 */
export type CoverageLevel = 'none' | 'counting' | 'low' | 'high' | 'complete';

export const LEVEL_LEGEND: readonly { level: CoverageLevel; label: string }[] = [
  { level: 'none', label: 'No note' },
  { level: 'counting', label: 'Note; still being read' },
  { level: 'low', label: 'Note; under half of the mapped mitigations listed' },
  { level: 'high', label: 'Note; half or more listed' },
  { level: 'complete', label: 'Note; every mapped mitigation listed' },
];

export interface MatrixCellView {
  id: string;
  name: string;
  level: CoverageLevel;
  /** Notes claiming the ID (two or more: the click asks which to open). */
  notes: number;
  /** `listed/mapped` mitigations when the technique has a note and ATT&CK maps some, else ''. */
  mitigations: string;
  errors: number;
  warnings: number;
  drifted: boolean;
  /** The cell's hover text: ID, name, notes, mitigations, problems. */
  tooltip: string;
  subtechniques: MatrixCellView[];
}

export interface MatrixColumnView {
  id: string;
  name: string;
  /** Techniques of the column with a note (sub-techniques not counted). */
  covered: number;
  techniques: MatrixCellView[];
}

export interface MatrixView {
  domain: MatrixDomain;
  attackVersion: string;
  summary: string;
  columns: MatrixColumnView[];
  /** Covered techniques whose notes have errors, and notes of revoked or deprecated IDs. */
  withErrors: number;
  retiredNotes: number;
  /** Notes whose findings the server is still computing (the matrix refreshes when done). */
  pendingNotes: number;
}

export function coverageLevel(record: TechniqueCoverage): CoverageLevel {
  if (record.notes.length === 0) return 'none';
  if (record.notes.some((note) => note.pending)) return 'counting';
  if (record.mappedMitigations === 0 || record.listedMitigations >= record.mappedMitigations)
    return 'complete';
  return record.listedMitigations * 2 >= record.mappedMitigations ? 'high' : 'low';
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function tooltipOf(record: TechniqueCoverage): string {
  const lines = [`${record.id} ${record.name}`];
  if (record.notes.length === 0) {
    lines.push('No note: click to create one');
  } else {
    lines.push(...record.notes.map((note) => note.vaultPath));
    if (record.mappedMitigations > 0)
      lines.push(
        `${record.listedMitigations} of ${record.mappedMitigations} mapped mitigations listed`,
      );
    if (record.errors > 0 || record.warnings > 0)
      lines.push(`${plural(record.errors, 'error')}, ${plural(record.warnings, 'warning')}`);
    if (record.drifted) lines.push('Drifted from the loaded ATT&CK version');
    if (record.notes.some((note) => note.pending))
      lines.push('Its findings are still being counted');
    if (record.parentWithoutNote) lines.push('Its parent technique has no note');
  }
  return lines.join('\n');
}

function cellOf(
  record: TechniqueCoverage,
  subtechniques: readonly TechniqueCoverage[],
): MatrixCellView {
  const noted = record.notes.length > 0;
  return {
    id: record.id,
    name: record.name,
    level: coverageLevel(record),
    notes: record.notes.length,
    mitigations:
      noted && record.mappedMitigations > 0
        ? `${record.notes.some((note) => note.pending) ? '…' : record.listedMitigations}/${record.mappedMitigations}`
        : '',
    errors: record.errors,
    warnings: record.warnings,
    drifted: record.drifted,
    tooltip: tooltipOf(record),
    subtechniques: subtechniques.map((sub) => cellOf(sub, [])),
  };
}

export function matrixViewOf(matrix: CoverageMatrix): MatrixView {
  return {
    domain: matrix.domain,
    attackVersion: matrix.attackVersion,
    summary: matrix.summary.text,
    columns: matrix.tactics.map((tactic) => ({
      id: tactic.id,
      name: tactic.name,
      covered: tactic.techniques.filter((t) => t.notes.length > 0).length,
      techniques: tactic.techniques.map((technique) => cellOf(technique, technique.subtechniques)),
    })),
    withErrors: matrix.summary.withErrors,
    retiredNotes: matrix.summary.retiredNotes,
    pendingNotes: matrix.summary.pendingNotes ?? 0,
  };
}

/** The record of `id` in the matrix (a technique, a sub-technique, or an unplaced one). */
export function recordOf(matrix: CoverageMatrix, id: string): TechniqueCoverage | undefined {
  for (const tactic of matrix.tactics) {
    for (const technique of tactic.techniques) {
      if (technique.id === id) return technique;
      const sub = technique.subtechniques.find((s) => s.id === id);
      if (sub) return sub;
    }
  }
  return matrix.unplaced.find((record) => record.id === id);
}
