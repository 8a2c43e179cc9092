import { NOTE_KINDS } from '../../model/identity';
import type { NoteKind } from '../../model/types';
import { RULES, isRuleCode, type RuleCode, type RuleLevel } from './rules';

/**
 * Rule configuration: a level per rule code, and the per-kind section lists of `section-missing`.
 * The editor reads it from the `attackNotes.rules` setting and the CLI from the `rules` key of a
 * `.attack-notes.json` at the vault root; both have the same shape, so a team can keep one file:
 *
 *     { "rules": { "id-unknown": "error", "reference-unused": "warning",
 *                  "section-missing": { "severity": "info", "sections": { "technique": ["Tactic"] } } } }
 */
/**
 * The file a team keeps its rule configuration in, at the vault root. The CLI reads it (and takes
 * it as a vault root marker), the server reads and watches it in each workspace folder.
 */
export const CONFIG_FILE_NAME = '.attack-notes.json';

export interface RuleConfig {
  levels: Record<RuleCode, RuleLevel>;
  /**
   * Sections every note of a kind should have, by heading text. Kinds absent here use the
   * built-in lists for the note's dialect (see sectionRules.ts).
   */
  requiredSections: Partial<Record<NoteKind, string[]>>;
}

export interface ParsedRuleConfig {
  config: RuleConfig;
  /** Human-readable complaints about values that were ignored. */
  problems: string[];
}

export function defaultRuleConfig(): RuleConfig {
  const levels = {} as Record<RuleCode, RuleLevel>;
  for (const rule of RULES) levels[rule.code] = rule.defaultLevel;
  return { levels, requiredSections: {} };
}

/** Spellings users bring from other linters are accepted too (`warn`, `information`, `false`). */
export function parseLevel(value: unknown): RuleLevel | undefined {
  if (value === false) return 'off';
  if (typeof value !== 'string') return undefined;
  switch (value.trim().toLowerCase()) {
    case 'error':
      return 'error';
    case 'warning':
    case 'warn':
      return 'warning';
    case 'info':
    case 'information':
      return 'info';
    case 'hint':
      return 'hint';
    case 'off':
    case 'none':
    case 'ignore':
      return 'off';
    default:
      return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseSectionLists(
  value: unknown,
  problems: string[],
): Partial<Record<NoteKind, string[]>> {
  const lists: Partial<Record<NoteKind, string[]>> = {};
  if (!isRecord(value)) {
    problems.push('section-missing: "sections" must be an object of note kind to section names');
    return lists;
  }
  for (const [kind, names] of Object.entries(value)) {
    if (!NOTE_KINDS.has(kind)) {
      problems.push(`section-missing: unknown note kind "${kind}"`);
      continue;
    }
    if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) {
      problems.push(`section-missing: sections of "${kind}" must be a list of heading texts`);
      continue;
    }
    lists[kind as NoteKind] = names as string[];
  }
  return lists;
}

/** Reads the `attackNotes.rules` object (or `rules` of `.attack-notes.json`) over the defaults. */
export function parseRuleConfig(
  rules: unknown,
  base: RuleConfig = defaultRuleConfig(),
): ParsedRuleConfig {
  const config: RuleConfig = {
    levels: { ...base.levels },
    requiredSections: { ...base.requiredSections },
  };
  const problems: string[] = [];
  if (rules === undefined || rules === null) return { config, problems };
  if (!isRecord(rules)) {
    problems.push('"rules" must be an object of rule code to severity');
    return { config, problems };
  }
  for (const [code, value] of Object.entries(rules)) {
    if (!isRuleCode(code)) {
      problems.push(`unknown rule "${code}"`);
      continue;
    }
    // `true` keeps (or restores) the rule at its default level, as in markdownlint.
    if (value === true) continue;
    const simple = parseLevel(value);
    if (simple) {
      config.levels[code] = simple;
      continue;
    }
    if (isRecord(value)) {
      if (value.severity !== undefined) {
        const level = parseLevel(value.severity);
        if (level) config.levels[code] = level;
        else problems.push(`${code}: unknown severity ${JSON.stringify(value.severity)}`);
      }
      if (code === 'section-missing' && value.sections !== undefined) {
        Object.assign(config.requiredSections, parseSectionLists(value.sections, problems));
      }
      continue;
    }
    problems.push(
      `${code}: unknown severity ${JSON.stringify(value)} (use error, warning, info, hint or off)`,
    );
  }
  return { config, problems };
}

/** Reads a parsed `.attack-notes.json`: the rule settings live under its `rules` key. */
export function parseConfigFile(json: unknown, base?: RuleConfig): ParsedRuleConfig {
  if (!isRecord(json)) {
    return { config: base ?? defaultRuleConfig(), problems: ['the file must hold a JSON object'] };
  }
  return parseRuleConfig(json.rules, base);
}

/** A config with some levels replaced (the CLI's `--rule CODE=SEVERITY`). */
export function withLevels(
  config: RuleConfig,
  levels: Partial<Record<RuleCode, RuleLevel>>,
): RuleConfig {
  return { ...config, levels: { ...config.levels, ...levels } };
}
