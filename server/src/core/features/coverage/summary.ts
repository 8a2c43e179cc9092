import type { CoverageSummary, TechniqueCoverage } from './types';

/** The summary numbers of a domain's records, and the sentence that states them. */
export function summarise(
  techniques: readonly TechniqueCoverage[],
  retiredNotes: number,
): CoverageSummary {
  const covered = techniques.filter((record) => record.notes.length > 0);
  const mappedMitigations = total(covered, (record) => record.mappedMitigations);
  const listedMitigations = total(covered, (record) => record.listedMitigations);
  const mitigationPercent =
    mappedMitigations === 0 ? 100 : Math.floor((listedMitigations / mappedMitigations) * 100);
  const noun = techniques.length === 1 ? 'technique has' : 'techniques have';
  const text =
    `${covered.length} of ${techniques.length} ${noun} notes` +
    (covered.length > 0 ? `; ${mitigationPercent}% of mapped mitigations listed` : '');
  const pendingNotes = total(
    covered,
    (record) => record.notes.filter((note) => note.pending).length,
  );
  return {
    techniques: techniques.length,
    covered: covered.length,
    notes: total(covered, (record) => record.notes.length),
    mappedMitigations,
    listedMitigations,
    mitigationPercent,
    withErrors: covered.filter((record) => record.errors > 0).length,
    withWarnings: covered.filter((record) => record.warnings > 0).length,
    drifted: covered.filter((record) => record.drifted).length,
    retiredNotes,
    subtechniquesWithoutParentNote: covered.filter((record) => record.parentWithoutNote).length,
    customTechniques: techniques.filter((record) => record.origin !== 'attack').length,
    ...(pendingNotes > 0 ? { pendingNotes } : {}),
    text,
  };
}

function total(
  records: readonly TechniqueCoverage[],
  value: (record: TechniqueCoverage) => number,
) {
  return records.reduce((sum, record) => sum + value(record), 0);
}
