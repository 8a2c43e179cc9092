/**
 * The rule registry: every diagnostic code the checker can emit, its default severity and where it
 * is documented. Codes are part of the public contract (settings, `.attack-notes.json`, inline
 * directives and CI configurations name them), so a code is never renamed once released.
 */

/** Severities as users write them in settings; `off` disables a rule. */
export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';
export type RuleLevel = RuleSeverity | 'off';

export const RULE_CODES = [
  'frontmatter-invalid',
  'id-malformed',
  'id-unknown',
  'id-revoked',
  'id-deprecated',
  'heading-id-mismatch',
  'tactic-id-mismatch',
  'tactic-not-mapped',
  'platform-unknown',
  'table-malformed',
  'table-unescaped-pipe',
  'mitigation-name-mismatch',
  'mitigation-id-mismatch',
  'mitigation-duplicate',
  'mitigation-not-mapped',
  'mitigation-missing',
  'link-broken',
  'link-ambiguous',
  'link-heading-broken',
  'citation-undefined',
  'reference-unused',
  'reference-attack-url',
  'section-duplicate',
  'section-missing',
  'attack-drift',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

export interface RuleInfo {
  code: RuleCode;
  defaultLevel: RuleLevel;
  /** One line for `--help`, SARIF `shortDescription` and the docs index. */
  summary: string;
}

const SUMMARIES: Record<RuleCode, readonly [RuleLevel, string]> = {
  'frontmatter-invalid': ['error', 'The YAML front matter does not parse.'],
  'id-malformed': ['error', 'An ID position holds something that is not ATT&CK ID syntax.'],
  'id-unknown': ['warning', 'A well-formed ID that no knowledge source defines.'],
  'id-revoked': ['warning', 'An ID that ATT&CK has revoked.'],
  'id-deprecated': ['warning', 'An ID that ATT&CK has deprecated.'],
  'heading-id-mismatch': ['warning', 'The `## ID` heading differs from the front matter ID.'],
  'tactic-id-mismatch': ['warning', "A tactic line's name and ID disagree."],
  'tactic-not-mapped': ['info', 'ATT&CK does not list the technique under that tactic.'],
  'platform-unknown': ['warning', "Not a platform of the note's ATT&CK domain."],
  'table-malformed': ['error', "A table row's cell count differs from the header's."],
  'table-unescaped-pipe': ['error', 'An unescaped `|` inside a wikilink in a table row.'],
  'mitigation-name-mismatch': ['warning', "The Name cell is not the name of the row's ID."],
  'mitigation-id-mismatch': ['warning', "The row's link points to a note with a different ID."],
  'mitigation-duplicate': ['warning', 'The same mitigation twice in one table.'],
  'mitigation-not-mapped': ['info', 'ATT&CK does not map that mitigation to this technique.'],
  'mitigation-missing': ['info', 'ATT&CK maps mitigations to this technique that the table lacks.'],
  'link-broken': ['warning', 'No note matches a wikilink.'],
  'link-ambiguous': ['warning', 'Several notes match a wikilink.'],
  'link-heading-broken': ['warning', 'The `#heading` of a link is not in the target note.'],
  'citation-undefined': ['warning', 'A citation with no matching reference in the note.'],
  'reference-unused': ['off', 'A reference line that nothing in the note cites.'],
  'reference-attack-url': [
    'warning',
    "The `mitre-attack` reference does not point to the note's ID.",
  ],
  'section-duplicate': ['warning', 'The same section twice.'],
  'section-missing': ['info', 'A section that notes of this kind have is missing.'],
  'attack-drift': ['hint', "The note's name, tactics or platforms differ from loaded ATT&CK."],
};

export const RULES: readonly RuleInfo[] = RULE_CODES.map((code) => ({
  code,
  defaultLevel: SUMMARIES[code][0],
  summary: SUMMARIES[code][1],
}));

const RULE_CODE_SET: ReadonlySet<string> = new Set(RULE_CODES);

export function isRuleCode(value: string): value is RuleCode {
  return RULE_CODE_SET.has(value);
}

export function ruleInfo(code: RuleCode): RuleInfo {
  return RULES[RULE_CODES.indexOf(code)];
}

/** Diagnostics carry this as `source`, so users can tell our squiggles from other linters'. */
export const DIAGNOSTIC_SOURCE = 'attack-notes';

/** The rules documentation; each rule's section heading is its code, so the anchor is the code. */
export const RULES_DOC_URL = 'https://github.com/attack-notes/attack-notes/blob/main/docs/rules.md';

export function ruleDocsHref(code: RuleCode): string {
  return `${RULES_DOC_URL}#${code}`;
}
