import type { NavigatorLayer } from '../../core/features/coverage/navigatorLayer';
import type { CoverageMatrix, LayerScore } from '../../core/features/coverage/types';
import type { AttackDomain } from '../../core/kb/types';

/**
 * The coverage requests between the ATT&CK Notes client and server (docs/architecture.md,
 * "Coverage"). Plain constants and types only (the core's types are plain data too), so the VS
 * Code client can import this file without pulling in server code.
 */

export type { CoverageMatrix, LayerScore, NavigatorLayer };
export type {
  CoverageCell,
  CoverageColumn,
  CoverageNote,
  CoverageSummary,
  RetiredTechniqueNote,
  TechniqueCoverage,
} from '../../core/features/coverage/types';

/** Request (client → server): the domain's ATT&CK matrix coloured by the vault's notes. */
export const COVERAGE_REQUEST = 'attackNotes/coverage';

export interface CoverageParams {
  /** Default `enterprise`. */
  domain?: AttackDomain;
}

/** The answer to {@link COVERAGE_REQUEST}. */
export type CoverageResult = CoverageMatrix;

/** Request (client → server): the same coverage as an ATT&CK Navigator layer (format 4.5). */
export const NAVIGATOR_LAYER_REQUEST = 'attackNotes/navigatorLayer';

export interface NavigatorLayerParams {
  /** Default `enterprise`. */
  domain?: AttackDomain;
  /** Default `notes`. */
  score?: LayerScore;
}

export interface NavigatorLayerResult {
  /** The layer, as `attack-notes layer` writes it. */
  layer: NavigatorLayer;
  /** Covered techniques left out because their IDs are custom (user bundle or vault only). */
  customLeftOut: number;
}

/** Notification (server → client) when the coverage may have changed (notes, rules, ATT&CK). */
export const COVERAGE_CHANGED_NOTIFICATION = 'attackNotes/coverageChanged';
