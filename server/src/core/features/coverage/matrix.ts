import { compareText } from './computeCoverage';
import type { CoverageCell, CoverageMatrix, CoverageRecords, TechniqueCoverage } from './types';

/**
 * The records laid out as the domain's matrix: tactics as columns in ATT&CK's order, each with its
 * techniques by name and their sub-techniques by ID under them. A technique of several tactics
 * sits in each of their columns.
 */
export function coverageMatrix(records: CoverageRecords): CoverageMatrix {
  const subtechniquesOf = new Map<string, TechniqueCoverage[]>();
  for (const record of records.techniques) {
    if (record.parent === undefined) continue;
    const siblings = subtechniquesOf.get(record.parent) ?? [];
    siblings.push(record);
    subtechniquesOf.set(record.parent, siblings);
  }
  const placed = new Set<string>();
  const tactics = records.tactics.map((tactic) => {
    const inColumn = (record: TechniqueCoverage) => record.tactics.includes(tactic.shortName);
    const techniques = records.techniques
      .filter((record) => record.parent === undefined && inColumn(record))
      .sort((a, b) => compareText(a.name.toLowerCase(), b.name.toLowerCase()))
      .map((record): CoverageCell => {
        placed.add(record.id);
        // A sub-technique without tactics of its own inherits its parent's place.
        const subtechniques = (subtechniquesOf.get(record.id) ?? []).filter(
          (sub) => sub.tactics.length === 0 || inColumn(sub),
        );
        subtechniques.forEach((sub) => placed.add(sub.id));
        return { ...record, subtechniques };
      });
    return { ...tactic, techniques };
  });
  return {
    domain: records.domain,
    attackVersion: records.attackVersion,
    summary: records.summary,
    tactics,
    unplaced: records.techniques.filter((record) => !placed.has(record.id)),
    retiredNotes: records.retiredNotes,
  };
}
