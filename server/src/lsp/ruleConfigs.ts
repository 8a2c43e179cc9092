import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CONFIG_FILE_NAME,
  parseConfigFile,
  parseRuleConfig,
  type RuleConfig,
} from '../core/features/diagnostics/config';
import { pathFromUri } from '../core/index/vaultPaths';

/**
 * The rule configuration of each workspace folder: the team's `.attack-notes.json` at the vault
 * root (the file `attack-notes check` reads in CI), with the user's `attackNotes.rules` setting on
 * top, so the editor and CI agree unless the user asks otherwise.
 */
export class RuleConfigs {
  private byFolder = new Map<string, RuleConfig>();
  private fallback: RuleConfig = parseRuleConfig(undefined).config;

  /** Re-reads every folder's file and the setting; returns human-readable problems. */
  load(folderUris: readonly string[], rulesSetting: unknown): string[] {
    const problems: string[] = [];
    const fromSetting = parseRuleConfig(rulesSetting);
    problems.push(...fromSetting.problems.map((problem) => `attackNotes.rules: ${problem}`));
    this.fallback = fromSetting.config;
    this.byFolder = new Map();
    for (const folderUri of folderUris) {
      const file = path.join(pathFromUri(folderUri), CONFIG_FILE_NAME);
      const base = readConfigFile(file, problems);
      if (!base) continue;
      this.byFolder.set(folderUri, parseRuleConfig(rulesSetting, base).config);
    }
    return problems;
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
