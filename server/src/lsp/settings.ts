import type { Connection } from 'vscode-languageserver/node';

/** The settings the server reads, from `attackNotes.*` and VS Code's `files.exclude`. */
export interface ServerSettings {
  /** Globs (vault-relative) of notes the index skips, from `attackNotes.exclude`. */
  exclude: string[];
  /** Enabled globs of VS Code's `files.exclude`. */
  filesExclude: string[];
  /** Extra STIX bundles, `attackNotes.stixBundles`. */
  stixBundles: string[];
  /** Rule severities, `attackNotes.rules` (interpreted by the diagnostics feature). */
  rules: Record<string, unknown>;
  /** Milliseconds between the last keystroke and recomputing diagnostics. */
  diagnosticsDelay: number;
  /** Show the "N references" code lens on ID headings. */
  referencesCodeLens: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  exclude: [],
  filesExclude: [],
  stixBundles: [],
  rules: {},
  diagnosticsDelay: 150,
  referencesCodeLens: true,
};

/** Turns raw configuration objects (from VS Code or `initializationOptions`) into settings. */
export function settingsFrom(attackNotes: unknown, filesExclude: unknown): ServerSettings {
  const section = isRecord(attackNotes) ? attackNotes : {};
  const diagnostics = isRecord(section.diagnostics) ? section.diagnostics : {};
  const codeLens = isRecord(section.codeLens) ? section.codeLens : {};
  return {
    exclude: stringArray(section.exclude),
    filesExclude: isRecord(filesExclude)
      ? Object.entries(filesExclude)
          .filter(([, enabled]) => enabled === true || isRecord(enabled))
          .map(([glob]) => glob)
      : [],
    stixBundles: stringArray(section.stixBundles),
    rules: isRecord(section.rules) ? section.rules : {},
    diagnosticsDelay:
      typeof diagnostics.delay === 'number' && diagnostics.delay >= 0
        ? diagnostics.delay
        : DEFAULT_SETTINGS.diagnosticsDelay,
    referencesCodeLens: codeLens.references !== false,
  };
}

/**
 * Asks the client for the settings when it supports `workspace/configuration`; other editors pass
 * them in `initializationOptions.settings` (`{ attackNotes: {...}, files: { exclude } }`).
 */
export async function fetchSettings(
  connection: Connection,
  canAskClient: boolean,
  initializationSettings: unknown,
): Promise<ServerSettings> {
  if (canAskClient) {
    try {
      const [attackNotes, filesExclude] = (await connection.workspace.getConfiguration([
        { section: 'attackNotes' },
        { section: 'files.exclude' },
      ])) as unknown[];
      return settingsFrom(attackNotes, filesExclude);
    } catch (error) {
      connection.console.warn(`Could not read settings, using defaults: ${String(error)}`);
    }
  }
  const init = isRecord(initializationSettings) ? initializationSettings : {};
  const files = isRecord(init.files) ? init.files : {};
  return settingsFrom(init.attackNotes, files.exclude);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
