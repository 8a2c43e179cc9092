import type { RuleCode } from '../diagnostics/rules';
import { driftFixes, platformFixes, tacticIdFixes } from './factListFixes';
import { headingLinkFixes } from './headingLinkFixes';
import { headingIdFixes, malformedIdFixes, replacementIdFixes, unknownIdFixes } from './idFixes';
import { duplicateRowFixes, missingMitigationFixes, nameMismatchFixes } from './mitigationFixes';
import { attackUrlFixes } from './referenceFixes';
import { escapePipeFixes } from './tableFixes';
import type { FixProvider } from './types';

/**
 * The fix provider of each rule that has fixes, one line per rule; the providers live in one
 * module per rule family. A rule without an entry has no fix (docs/rules.md says why).
 */
export const FIX_PROVIDERS: Partial<Record<RuleCode, FixProvider>> = {
  'table-unescaped-pipe': escapePipeFixes,
  'mitigation-missing': missingMitigationFixes,
  'mitigation-name-mismatch': nameMismatchFixes,
  'mitigation-duplicate': duplicateRowFixes,
  'id-malformed': malformedIdFixes,
  'id-unknown': unknownIdFixes,
  'id-revoked': replacementIdFixes,
  'heading-id-mismatch': headingIdFixes,
  'tactic-id-mismatch': tacticIdFixes,
  'platform-unknown': platformFixes,
  'attack-drift': driftFixes,
  'reference-attack-url': attackUrlFixes,
  'link-heading-broken': headingLinkFixes,
};
