import type { RuleCode } from '../diagnostics/rules';
import { citationUndefinedFixes } from './citationFixes';
import { driftFixes, platformFixes, tacticIdFixes } from './factListFixes';
import { headingIdFixes, replacementIdFixes } from './idFixes';
import { linkAmbiguousFixes, linkBrokenFixes } from './linkFixes';
import { duplicateRowFixes, missingMitigationFixes, nameMismatchFixes } from './mitigationFixes';
import { attackUrlFixes } from './referenceFixes';
import { sectionMissingFixes } from './sectionFixes';
import { escapePipeFixes } from './tableFixes';
import type { FixProvider } from './types';

/**
 * The fix provider of each rule that has fixes, one line per rule; the providers live in one
 * module per rule family. A rule without an entry has no fix (docs/rules.md says why).
 */
export const FIX_PROVIDERS: Partial<Record<RuleCode, FixProvider>> = {
  'link-broken': linkBrokenFixes,
  'link-ambiguous': linkAmbiguousFixes,
  'citation-undefined': citationUndefinedFixes,
  'section-missing': sectionMissingFixes,
  'table-unescaped-pipe': escapePipeFixes,
  'mitigation-missing': missingMitigationFixes,
  'mitigation-name-mismatch': nameMismatchFixes,
  'mitigation-duplicate': duplicateRowFixes,
  'id-revoked': replacementIdFixes,
  'id-deprecated': replacementIdFixes,
  'heading-id-mismatch': headingIdFixes,
  'tactic-id-mismatch': tacticIdFixes,
  'platform-unknown': platformFixes,
  'attack-drift': driftFixes,
  'reference-attack-url': attackUrlFixes,
};
