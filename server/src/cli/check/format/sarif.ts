import type { Diagnostic, Range } from 'vscode-languageserver-types';
import {
  RULES,
  RULES_DOC_URL,
  ruleDocsHref,
  type RuleLevel,
} from '../../../core/features/diagnostics/rules';
import { severityName, type FileFindings, type SeverityName } from '../findings';

/**
 * SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps) ingest. Every rule is
 * listed in the driver so a viewer can show its description and documentation link.
 */

export interface SarifOptions {
  toolVersion: string;
  /** Turns a related location's document URI into a path like `FileFindings.file`. */
  displayPath: (uri: string) => string;
  /**
   * Lines about a whole vault (it looks newer than the loaded ATT&CK): run-level configuration
   * notifications, since the fix is to load other data, not to edit a note.
   */
  notices?: readonly string[];
}

type SarifLevel = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<SeverityName, SarifLevel> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

function defaultLevel(level: RuleLevel): SarifLevel {
  return level === 'off' ? 'none' : LEVEL[level];
}

/** SARIF artifact URIs are URI references: relative paths with each segment percent-encoded. */
function artifactUri(file: string): string {
  return file
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

/** SARIF lines and columns are 1-based; its end column, like LSP's end character, is exclusive. */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function location(file: string, range: Range) {
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: region(range) },
  };
}

function result(
  file: string,
  diagnostic: Diagnostic,
  ruleIndex: Map<string, number>,
  options: SarifOptions,
) {
  const code = String(diagnostic.code);
  const related = (diagnostic.relatedInformation ?? []).map((info, id) => ({
    id,
    ...location(options.displayPath(info.location.uri), info.location.range),
    message: { text: info.message },
  }));
  return {
    ruleId: code,
    ...(ruleIndex.has(code) ? { ruleIndex: ruleIndex.get(code) } : {}),
    level: LEVEL[severityName(diagnostic)],
    message: { text: diagnostic.message },
    locations: [location(file, diagnostic.range)],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
  };
}

/** The descriptor id of the newer-vault notice (it is not a rule: nothing in a note is wrong). */
export const NEWER_VAULT_NOTIFICATION = 'vault-newer-than-attack';

function invocations(notices: readonly string[]) {
  if (notices.length === 0) return {};
  return {
    invocations: [
      {
        executionSuccessful: true,
        toolConfigurationNotifications: notices.map((text) => ({
          descriptor: { id: NEWER_VAULT_NOTIFICATION },
          level: 'warning',
          message: { text },
        })),
      },
    ],
  };
}

export function formatSarif(results: readonly FileFindings[], options: SarifOptions): string {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.code as string, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'attack-notes',
            version: options.toolVersion,
            informationUri: RULES_DOC_URL,
            rules: RULES.map((rule) => ({
              id: rule.code,
              shortDescription: { text: rule.summary },
              helpUri: ruleDocsHref(rule.code),
              defaultConfiguration: {
                enabled: rule.defaultLevel !== 'off',
                level: defaultLevel(rule.defaultLevel),
              },
            })),
          },
        },
        ...invocations(options.notices ?? []),
        columnKind: 'utf16CodeUnits',
        results: results.flatMap(({ file, diagnostics }) =>
          diagnostics.map((diagnostic) => result(file, diagnostic, ruleIndex, options)),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
