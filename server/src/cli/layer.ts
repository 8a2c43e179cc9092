import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeCoverage } from '../core/features/coverage/computeCoverage';
import { navigatorLayer, vaultLayerName } from '../core/features/coverage/navigatorLayer';
import type { CoverageRecords } from '../core/features/coverage/types';
import { computeDiagnostics } from '../core/features/diagnostics/computeDiagnostics';
import { parseConfigFile, type RuleConfig } from '../core/features/diagnostics/config';
import { vaultDefinitions } from '../core/features/diagnostics/vaultDefinitions';
import { loadFoldersFromDisk } from '../core/index/diskVault';
import { describeSkip } from '../core/index/noteFiles';
import { pathFromUri, uriFromPath } from '../core/index/vaultPaths';
import { WorkspaceIndex } from '../core/index/workspaceIndex';
import type { AttackKnowledgeBase } from '../core/kb/knowledgeBase';
import { loadKnowledgeBase } from '../core/kb/loadKnowledgeBase';
import { processIo, type CheckIo } from './check';
import { CONFIG_FILE_NAME } from '../core/features/diagnostics/config';
import { LAYER_HELP, LAYER_USAGE, parseLayerArgs, type LayerOptions } from './layerArgs';

/**
 * `attack-notes layer`: the vault's coverage of a domain as an ATT&CK Navigator layer, from the
 * same records the editor's matrix shows. Exit codes: see LAYER_HELP.
 */

class LayerFailure extends Error {}

export async function runLayer(args: readonly string[], io: CheckIo = processIo): Promise<number> {
  const parsed = parseLayerArgs(args);
  if (!parsed.ok) {
    io.stderr(`attack-notes layer: ${parsed.message}\nusage: ${LAYER_USAGE}\n`);
    return 2;
  }
  const options = parsed.options;
  if (options.help || options.vault === undefined) {
    io.stdout(`${LAYER_HELP}\n`);
    return 0;
  }
  try {
    const root = vaultFolder(options.vault, io.cwd);
    const kb = io.loadKnowledgeBase ? io.loadKnowledgeBase() : await knowledgeBaseFor(options, io);
    const records = await coverageOfVault(root, options, kb, io);
    const { layer, customLeftOut } = navigatorLayer(records, {
      score: options.score,
      name: vaultLayerName(root),
    });
    const json = `${JSON.stringify(layer, null, 2)}\n`;
    if (options.out) writeLayer(path.resolve(io.cwd, options.out), json);
    else io.stdout(json);
    reportSummary(records, customLeftOut, io);
    const { withErrors, withWarnings } = records.summary;
    return withErrors > 0 || withWarnings > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof LayerFailure)) throw error;
    io.stderr(`attack-notes layer: ${error.message}\n`);
    return 2;
  }
}

function vaultFolder(given: string, cwd: string): string {
  const absolute = path.resolve(cwd, given);
  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    throw new LayerFailure(`cannot read '${given}': no such folder`);
  }
  if (!isDirectory) throw new LayerFailure(`'${given}' is not a vault folder`);
  return absolute;
}

async function knowledgeBaseFor(options: LayerOptions, io: CheckIo): Promise<AttackKnowledgeBase> {
  const loaded = await loadKnowledgeBase({ bundles: options.stixBundles, baseDir: io.cwd });
  for (const problem of loaded.problems) io.stderr(`attack-notes layer: ${problem.message}\n`);
  return loaded.kb;
}

/** `.attack-notes.json` at the vault root, as `check` reads it: the rules decide the problem counts. */
function ruleConfigOf(root: string, io: CheckIo): RuleConfig {
  const file = path.join(root, CONFIG_FILE_NAME);
  let json: unknown = {};
  if (existsSync(file)) {
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new LayerFailure(`cannot read ${file}: ${(error as Error).message}`);
    }
  }
  const parsed = parseConfigFile(json);
  for (const problem of parsed.problems)
    io.stderr(`attack-notes layer: ${CONFIG_FILE_NAME}: ${problem}\n`);
  return parsed.config;
}

async function coverageOfVault(
  root: string,
  options: LayerOptions,
  catalogKb: AttackKnowledgeBase,
  io: CheckIo,
): Promise<CoverageRecords> {
  const config = ruleConfigOf(root, io);
  const index = new WorkspaceIndex([uriFromPath(root)]);
  const report = await loadFoldersFromDisk(index);
  if (report.failures.length > 0) {
    const failures = report.failures.map(
      (failure) => `cannot read ${pathFromUri(failure.uri)}: ${failure.message}`,
    );
    throw new LayerFailure(failures.join('\nattack-notes layer: '));
  }
  // As `check` and the editor do: files named like notes that are not notes are named once.
  for (const { uri, reason } of report.skipped) {
    io.stderr(`attack-notes layer: skipped ${pathFromUri(uri)}: ${describeSkip(reason)}\n`);
  }
  const kb = catalogKb.withVaultDefinitions(vaultDefinitions(index));
  return computeCoverage({
    index,
    kb,
    domain: options.domain,
    diagnosticsOf: (note) => computeDiagnostics(note.note, index, kb, config),
  });
}

function writeLayer(file: string, json: string): void {
  try {
    writeFileSync(file, json);
  } catch (error) {
    throw new LayerFailure(`cannot write ${file}: ${(error as Error).message}`);
  }
}

function reportSummary(records: CoverageRecords, customLeftOut: number, io: CheckIo): void {
  const { summary } = records;
  const lines = [`${records.domain}: ${summary.text}`];
  if (customLeftOut > 0) {
    lines.push(
      `${customLeftOut} covered ${customLeftOut === 1 ? 'technique has a custom ID' : 'techniques have custom IDs'} (user bundle or vault only), left out of the layer`,
    );
  }
  for (const retired of records.retiredNotes) {
    const replaced = retired.replacedBy ? `, replaced by ${retired.replacedBy}` : '';
    lines.push(
      `not counted: ${retired.vaultPath} is the note of ${retired.id}, ${retired.state}${replaced}`,
    );
  }
  if (summary.subtechniquesWithoutParentNote > 0) {
    lines.push(
      `${summary.subtechniquesWithoutParentNote} sub-technique note(s) without a note of the parent technique`,
    );
  }
  if (summary.withErrors > 0 || summary.withWarnings > 0) {
    lines.push(
      `${summary.withErrors} technique(s) with errors, ${summary.withWarnings} with warnings in their notes (attack-notes check lists them)`,
    );
  }
  io.stderr(lines.map((line) => `attack-notes layer: ${line}\n`).join(''));
}

/** The `layer` entry of the CLI's subcommand table. */
export const layerCommand = {
  usage: LAYER_USAGE,
  help: LAYER_HELP,
  summary: "Write the vault's ATT&CK coverage as an ATT&CK Navigator layer (format 4.5).",
  run: (args: string[]): Promise<number> => runLayer(args),
};
