import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stixIdsPathFor, type CatalogFile } from './catalog';
import { CatalogLayer } from './layers';

/**
 * Finds and loads the catalog that ships with the extension. At run time the server is
 * dist/server.js and the build copies server/data to dist/data; under tsx (tests, scripts) this
 * module runs from server/src/core/kb, four levels below server/data's parent.
 */

export const CATALOG_FILE_NAME = 'attack-catalog.json';

function candidatePaths(): string[] {
  return [
    join(__dirname, 'data', CATALOG_FILE_NAME),
    join(__dirname, '..', 'data', CATALOG_FILE_NAME),
    join(__dirname, '..', '..', '..', 'data', CATALOG_FILE_NAME),
  ];
}

export function bundledCatalogPath(): string {
  const found = candidatePaths().find((path) => existsSync(path));
  if (!found) {
    throw new Error(`ATT&CK catalog not found (looked in ${candidatePaths().join(', ')})`);
  }
  return found;
}

/** Reads and decodes the catalog into a knowledge layer; `path` overrides the search. */
export function loadBundledCatalog(path: string = bundledCatalogPath()): CatalogLayer {
  const file = JSON.parse(readFileSync(path, 'utf8')) as CatalogFile;
  return new CatalogLayer(file, path, () => readStixIds(stixIdsPathFor(path)));
}

/** A missing companion file only means user bundles cannot refer to official objects by STIX ID. */
function readStixIds(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}
