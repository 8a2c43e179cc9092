import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildCatalog, serialiseCatalog, type NamedReadResult } from './catalog';
import { readStixBundle } from './stix';

/**
 * Builds the catalog text from STIX bundle files: the work behind `npm run kb:build`, kept here so
 * the regeneration test runs exactly the same code as the command.
 */

export interface GenerateOptions {
  /** ATT&CK version, when the bundles carry no `x-mitre-collection` and no SOURCE.txt says it. */
  attackVersion?: string;
  released?: string;
}

export interface GeneratedCatalog {
  text: string;
  /** The companion file: STIX IDs, one per line, parallel to the catalog's rows. */
  stixIdsText: string;
  attackVersion: string;
  warnings: string[];
}

export function generateCatalog(
  bundlePaths: readonly string[],
  options: GenerateOptions = {},
): GeneratedCatalog {
  if (bundlePaths.length === 0) throw new Error('no STIX bundle given');
  const inputs: NamedReadResult[] = [];
  const warnings: string[] = [];
  for (const path of bundlePaths) {
    const json: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const result = readStixBundle(json);
    const objectCount = (json as { objects: unknown[] }).objects.length;
    inputs.push({ file: basename(path), objectCount, result });
    if (result.skipped > 0) warnings.push(`${basename(path)}: ${result.skipped} objects skipped`);
    warnings.push(...result.warnings.map((w) => `${basename(path)}: ${w}`));
  }
  const described = describedRelease(bundlePaths[0]);
  const attackVersion =
    options.attackVersion ??
    inputs.find((i) => i.result.attackVersion)?.result.attackVersion ??
    described.version;
  if (!attackVersion) {
    throw new Error('ATT&CK version unknown: the bundles carry none; pass --attack-version');
  }
  const released = options.released ?? described.released;
  const built = buildCatalog(inputs, { attackVersion, released });
  return {
    text: serialiseCatalog(built.catalog),
    stixIdsText: built.stixIds.join('\n') + '\n',
    attackVersion,
    warnings,
  };
}

/**
 * Bundles assembled from mitre/cti (as in ../shared/attack) carry no collection object; their
 * SOURCE.txt or README.md names the release (`ATT&CK v18.1`) and its date.
 */
function describedRelease(bundlePath: string): { version?: string; released?: string } {
  for (const name of ['SOURCE.txt', 'README.md']) {
    const path = join(dirname(bundlePath), name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, 'utf8');
    const version = /\bv(\d+\.\d+(?:\.\d+)?)\b/.exec(text)?.[1];
    if (!version) continue;
    return { version, released: /\b(\d{4}-\d{2}-\d{2})\b/.exec(text)?.[1] };
  }
  return {};
}
