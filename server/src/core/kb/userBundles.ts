import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, resolve } from 'node:path';
import { bundleLayer, type KnowledgeLayer } from './layers';
import { readStixBundle, StixBundleError } from './stix';
import type { AttackDomain } from './types';

/**
 * Loads the STIX bundles named by `attackNotes.stixBundles` (or the CLI's options) as layers over
 * the catalog. A bundle that cannot be loaded yields a problem message and no layer; the others
 * still load. Shared by the language server and the CLI, so both word problems the same way.
 */

export interface BundleSettings {
  /** Paths as the user wrote them: absolute, or relative to a workspace folder. */
  paths: readonly string[];
  /** File-system paths of the workspace folders, first one first. */
  workspaceFolders: readonly string[];
  /**
   * False in an untrusted workspace (VS Code's Workspace Trust): no bundle is loaded then, since a
   * relative entry names a file of the workspace and any bundle changes what the checks accept.
   */
  trusted: boolean;
}

export interface BundleProblem {
  severity: 'error' | 'warning';
  /** The setting entry as written. */
  entry: string;
  /** Resolved path, when there was one. */
  path?: string;
  /** A sentence for the user (shown in VS Code and printed by the CLI). */
  message: string;
}

export interface LoadedBundles {
  layers: KnowledgeLayer[];
  problems: BundleProblem[];
  /** Resolved paths of every entry (loaded or not), to watch for changes. */
  watched: string[];
}

/** Loads bundles in setting order; each may refer to objects of the base layers and earlier bundles. */
export async function loadUserBundles(
  settings: BundleSettings,
  base: readonly KnowledgeLayer[],
): Promise<LoadedBundles> {
  const layers: KnowledgeLayer[] = [];
  const problems: BundleProblem[] = [];
  const watched: string[] = [];
  if (!settings.trusted) return { layers, problems: untrustedProblems(settings.paths), watched };
  for (const entry of settings.paths) {
    if (entry.trim() === '') continue;
    const path = resolveBundlePath(entry, settings.workspaceFolders);
    watched.push(path);
    const outcome = await loadOne(entry, path, [...base, ...layers]);
    problems.push(...outcome.problems);
    if (outcome.layer) layers.push(outcome.layer);
  }
  return { layers, problems, watched };
}

/** Relative entries resolve against the first workspace folder that holds the file. */
export function resolveBundlePath(entry: string, workspaceFolders: readonly string[]): string {
  const expanded = entry.trim();
  if (isAbsolute(expanded) || workspaceFolders.length === 0) return resolve(expanded);
  const candidates = workspaceFolders.map((folder) => resolve(folder, expanded));
  return candidates.find((candidate) => existsSync(candidate)) ?? candidates[0];
}

async function loadOne(
  entry: string,
  path: string,
  below: readonly KnowledgeLayer[],
): Promise<{ layer?: KnowledgeLayer; problems: BundleProblem[] }> {
  const fail = (message: string) => ({
    problems: [{ severity: 'error' as const, entry, path, message }],
  });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = isNotFound(error) ? 'the file does not exist' : describe(error);
    return fail(`STIX bundle "${entry}" could not be read (${path}): ${reason}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`STIX bundle "${entry}" is not valid JSON: ${describe(error)}.`);
  }
  try {
    const result = readStixBundle(json, {
      resolveStixId: (stixId) => findInLayers(below, (l) => l.findByStixId(stixId)),
      resolveTactic: (domain, shortname) => findTactic(below, domain, shortname),
    });
    const name = result.collectionName ?? basename(path);
    const layer = bundleLayer(result, name, path);
    const problems: BundleProblem[] = [];
    if (result.skipped > 0) {
      problems.push({
        severity: 'warning',
        entry,
        path,
        message:
          `STIX bundle "${entry}": ${result.skipped} invalid object(s) skipped` +
          (result.warnings[0] ? ` (first: ${result.warnings[0]}).` : '.'),
      });
    }
    if (layer.objects.length === 0) {
      problems.push({
        severity: 'warning',
        entry,
        path,
        message: `STIX bundle "${entry}" holds no ATT&CK objects.`,
      });
    }
    return { layer, problems };
  } catch (error) {
    if (error instanceof StixBundleError) {
      return fail(`STIX bundle "${entry}" is invalid: ${error.message}.`);
    }
    throw error;
  }
}

function findInLayers<T>(
  layers: readonly KnowledgeLayer[],
  find: (layer: KnowledgeLayer) => T | undefined,
): T | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const found = find(layers[i]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Tactics of layers below, by shortname: custom techniques usually sit in official tactics. */
function findTactic(
  layers: readonly KnowledgeLayer[],
  domain: AttackDomain,
  shortname: string,
): string | undefined {
  return findInLayers(layers, (layer) => {
    // Kinds and statuses are read without building objects; only tactics get built.
    for (let i = 0; i < layer.size; i++) {
      if (layer.typeAt(i) !== 'tactic' || layer.statusRankAt(i) !== 2) continue;
      const tactic = layer.objectAt(i);
      if (tactic.shortname === shortname && tactic.domains.includes(domain)) return layer.idAt(i);
    }
    return undefined;
  });
}

/** One line for every bundle an untrusted workspace leaves unloaded (none when none is set). */
function untrustedProblems(paths: readonly string[]): BundleProblem[] {
  const entries = paths.filter((entry) => entry.trim() !== '');
  if (entries.length === 0) return [];
  const names = entries.map((entry) => `"${entry}"`).join(', ');
  return [
    {
      severity: 'warning',
      entry: entries.join(', '),
      message:
        `${entries.length === 1 ? 'STIX bundle' : `${entries.length} STIX bundles`} ${names} ` +
        'not loaded: the workspace is not trusted (trust it to load attackNotes.stixBundles).',
    },
  ];
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
