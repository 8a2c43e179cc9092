import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONFIG_FILE_NAME,
  parseConfigFile,
  parseRuleConfig,
  type RuleConfig,
} from '../core/features/diagnostics/config';
import {
  droppedSectionLists,
  severitiesOnly,
  type UntrustedLimits,
} from '../core/features/workspaceTrust/untrustedWorkspace';
import { pathFromUri } from '../core/index/vaultPaths';

/**
 * The rule configuration of each workspace folder: the team's `.attack-notes.json` at the vault
 * root (the file `attack-notes check` reads in CI), with the user's `attackNotes.rules` setting on
 * top, so the editor and CI agree unless the user asks otherwise. In an untrusted workspace both
 * set severities only (workspaceTrust/untrustedWorkspace.ts).
 */
export class RuleConfigs {
  private byFolder = new Map<string, RuleConfig>();
  private fallback: RuleConfig = parseRuleConfig(undefined).config;
  private limits: UntrustedLimits = { configFilesCutBack: [], settingCutBack: false };

  /** Re-reads every folder's file and the setting; returns human-readable problems. */
  load(folderUris: readonly string[], rulesSetting: unknown, trusted = true): string[] {
    const problems: string[] = [];
    const allowed = (config: RuleConfig) => (trusted ? config : severitiesOnly(config));
    const fromSetting = parseRuleConfig(rulesSetting);
    problems.push(...fromSetting.problems.map((problem) => `attackNotes.rules: ${problem}`));
    this.fallback = allowed(fromSetting.config);
    this.byFolder = new Map();
    const filesCutBack: string[] = [];
    for (const folderUri of folderUris) {
      const file = path.join(pathFromUri(folderUri), CONFIG_FILE_NAME);
      const base = readConfigFile(file, problems);
      if (!base) continue;
      if (!trusted && droppedSectionLists(base).length > 0) filesCutBack.push(file);
      this.byFolder.set(folderUri, allowed(parseRuleConfig(rulesSetting, base).config));
    }
    this.limits = {
      configFilesCutBack: trusted ? [] : filesCutBack,
      settingCutBack: !trusted && droppedSectionLists(fromSetting.config).length > 0,
    };
    return problems;
  }

  /** What the last load ignored because the workspace is not trusted. */
  get untrustedLimits(): UntrustedLimits {
    return this.limits;
  }

  /** The configuration for a note of the folder `folderUri` (or outside every folder). */
  forFolder(folderUri: string | undefined): RuleConfig {
    return (folderUri && this.byFolder.get(folderUri)) || this.fallback;
  }

  static isConfigFile(uri: string): boolean {
    return uri.endsWith(`/${CONFIG_FILE_NAME}`);
  }
}

function readConfigFile(file: string, problems: string[]): RuleConfig | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // no team file: the setting alone decides
  }
  try {
    const parsed = parseConfigFile(JSON.parse(text));
    problems.push(...parsed.problems.map((problem) => `${file}: ${problem}`));
    return parsed.config;
  } catch (error) {
    problems.push(
      `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
    return undefined;
  }
}
