// What an untrusted workspace (VS Code's Workspace Trust, or any editor that says so in
// `initializationOptions.workspaceTrusted`) turns off, as plain data: the wiring receives a flag
// and reports the sentences. STIX bundles are refused where they are loaded (kb/userBundles.ts);
// the rule configuration is cut back here.
import type { RuleConfig } from '../diagnostics/config';

/**
 * The rule configuration an untrusted workspace may set: severities only. A workspace's
 * `.attack-notes.json` (or its `attackNotes.rules`) cannot add the headings `section-missing`
 * demands; the built-in lists of each dialect apply instead.
 */
export function severitiesOnly(config: RuleConfig): RuleConfig {
  return { levels: { ...config.levels }, requiredSections: {} };
}

/** The note kinds whose section lists `severitiesOnly` drops from `config` (empty: nothing lost). */
export function droppedSectionLists(config: RuleConfig): string[] {
  return Object.keys(config.requiredSections).sort();
}

/** What was held back, to describe to the user. */
export interface UntrustedLimits {
  /** `.attack-notes.json` files (paths as shown) whose section lists were ignored. */
  configFilesCutBack: readonly string[];
  /** Whether `attackNotes.rules` itself named section lists that were ignored. */
  settingCutBack: boolean;
}

/** The line logged once when a workspace starts untrusted: what is off until it is trusted. */
export const UNTRUSTED_SUMMARY =
  'The workspace is not trusted: no STIX bundle of attackNotes.stixBundles is loaded, and ' +
  '.attack-notes.json and attackNotes.rules set rule severities only (not section lists), ' +
  'until the workspace is trusted.';

/** One sentence on the rule settings that were cut back, or undefined when none were. */
export function describeRuleCutBack(limits: UntrustedLimits): string | undefined {
  const sources = [
    ...limits.configFilesCutBack,
    ...(limits.settingCutBack ? ['attackNotes.rules'] : []),
  ];
  if (sources.length === 0) return undefined;
  return (
    `${sources.join(', ')}: the section lists of section-missing are ignored (severities apply) ` +
    'because the workspace is not trusted; the built-in lists are used.'
  );
}
