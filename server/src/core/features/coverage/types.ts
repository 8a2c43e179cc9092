import type { AttackDomain } from '../../kb/types';

/**
 * Coverage: the vault read as an ATT&CK matrix. Plain data only, so the server, the CLI and the
 * VS Code client (through `attackNotes/coverage`) share these types and their numbers.
 */

/** How a Navigator layer scores a technique: 1 per note, or the share of mapped mitigations listed. */
export type LayerScore = 'notes' | 'mitigations';

/**
 * Where a technique is defined: ATT&CK's catalog (possibly overridden by a user bundle), only a
 * user's STIX bundle (a custom ID such as `T1059.999`), or only a vault note. The ATT&CK
 * Navigator knows only the first kind.
 */
export type TechniqueOrigin = 'attack' | 'user-bundle' | 'vault';

/** One note that claims a technique's ID. */
export interface CoverageNote {
  uri: string;
  /** Path from the vault root, `/`-separated (`techniques/Python.md`). */
  vaultPath: string;
  /** How many of the mitigations ATT&CK maps to the technique the note's Mitigations table lists. */
  listedMitigations: number;
  /** Findings of the note at error and warning severity, as the diagnostics report them. */
  errors: number;
  warnings: number;
  /** The note has an `attack-drift` finding: its name, tactics or platforms differ from ATT&CK's. */
  drifted: boolean;
  /**
   * Present when the note's findings are still being computed (the server answers at once and
   * tells the client with `attackNotes/coverageChanged` when they are in): errors, warnings and
   * drift then read 0 and false.
   */
  pending?: true;
}

/** The coverage record of one technique or sub-technique of a domain. */
export interface TechniqueCoverage {
  id: string;
  name: string;
  /** Sub-techniques: the parent technique's ID. */
  parent?: string;
  /** Short names of the technique's tactics in the domain (`execution`), in matrix order. */
  tactics: string[];
  origin: TechniqueOrigin;
  /** Every note claiming the ID, by vault path; empty when the vault has none. */
  notes: CoverageNote[];
  /** Live mitigations ATT&CK (and user bundles) map to the technique. */
  mappedMitigations: number;
  /** The most of them any one of its notes lists (0 without a note). */
  listedMitigations: number;
  /** Summed over its notes. */
  errors: number;
  warnings: number;
  /** Some note of it has drifted from the loaded ATT&CK version. */
  drifted: boolean;
  /** A sub-technique that has a note while its parent technique has none. */
  parentWithoutNote: boolean;
}

/** A note whose ID ATT&CK has revoked or deprecated: shown, never counted as coverage. */
export interface RetiredTechniqueNote {
  id: string;
  name: string;
  state: 'revoked' | 'deprecated';
  /** The technique that replaces a revoked one, when ATT&CK names it. */
  replacedBy?: string;
  uri: string;
  vaultPath: string;
}

/** One tactic of the domain, in matrix order. */
export interface CoverageTactic {
  id: string;
  /** The short name the Navigator and STIX kill-chain phases use (`privilege-escalation`). */
  shortName: string;
  name: string;
}

export interface CoverageSummary {
  /** Live techniques and sub-techniques of the domain (custom ones included). */
  techniques: number;
  /** Of them, those with at least one note. */
  covered: number;
  /** Notes counted towards coverage (several per technique count each). */
  notes: number;
  /** Mitigations mapped to covered techniques, and how many of them their notes list. */
  mappedMitigations: number;
  listedMitigations: number;
  /** listed ÷ mapped as a whole percentage (100 when nothing is mapped). */
  mitigationPercent: number;
  /** Covered techniques whose notes have errors, warnings, drift. */
  withErrors: number;
  withWarnings: number;
  drifted: number;
  /** Notes of revoked or deprecated techniques. */
  retiredNotes: number;
  /** Covered sub-techniques whose parent technique has no note. */
  subtechniquesWithoutParentNote: number;
  /** Records with a custom ID (user bundle or vault only), which Navigator layers leave out. */
  customTechniques: number;
  /** Notes whose findings are still being computed (see `CoverageNote.pending`); absent when none. */
  pendingNotes?: number;
  /** `312 of 691 techniques have notes; 71% of mapped mitigations listed`. */
  text: string;
}

/** Everything coverage knows about one domain; the matrix and the layer are views of it. */
export interface CoverageRecords {
  domain: AttackDomain;
  /** ATT&CK version of the loaded catalog (`18.1`). */
  attackVersion: string;
  tactics: CoverageTactic[];
  /** Every technique and sub-technique of the domain, in ID order. */
  techniques: TechniqueCoverage[];
  retiredNotes: RetiredTechniqueNote[];
  summary: CoverageSummary;
}

/** A matrix cell: a technique with its sub-techniques under it. */
export interface CoverageCell extends TechniqueCoverage {
  subtechniques: TechniqueCoverage[];
}

/** A matrix column: a tactic with its techniques, by name as ATT&CK's matrix shows them. */
export interface CoverageColumn extends CoverageTactic {
  techniques: CoverageCell[];
}

/** The answer to `attackNotes/coverage`: the domain's matrix, tactics as columns. */
export interface CoverageMatrix {
  domain: AttackDomain;
  attackVersion: string;
  summary: CoverageSummary;
  tactics: CoverageColumn[];
  /** Records in no column (custom techniques without a tactic of the domain). */
  unplaced: TechniqueCoverage[];
  retiredNotes: RetiredTechniqueNote[];
}
