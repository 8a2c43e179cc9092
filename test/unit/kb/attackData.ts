import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBundledCatalog } from '../../../server/src/core/kb/bundledCatalog';
import { AttackKnowledgeBase } from '../../../server/src/core/kb/knowledgeBase';
import type { KnowledgeLayer } from '../../../server/src/core/kb/layers';
import { sharedPath } from '../../support/sharedData';

/**
 * Test access to the real ATT&CK data: the STIX bundles in `../shared/attack` (tests that read them
 * run through describeWithShared/itWithShared with 'stix') and the catalog the repository ships.
 */

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const ATTACK_DIR = sharedPath('stix');
export const DOMAIN_FILES = {
  enterprise: 'enterprise-attack.json',
  ics: 'ics-attack.json',
  mobile: 'mobile-attack.json',
} as const;

export type RawObject = Record<string, unknown> & { type: string; id: string };

const rawCache = new Map<string, RawObject[]>();

/** A domain bundle's objects, parsed once per test run (the enterprise file is 33 MB). */
export function rawObjects(domain: keyof typeof DOMAIN_FILES): RawObject[] {
  let objects = rawCache.get(domain);
  if (!objects) {
    const text = readFileSync(resolve(ATTACK_DIR, DOMAIN_FILES[domain]), 'utf8');
    objects = (JSON.parse(text) as { objects: RawObject[] }).objects;
    rawCache.set(domain, objects);
  }
  return objects;
}

/** The ATT&CK ID of a raw object, found without the project's reader. */
export function rawAttackId(object: RawObject): string | undefined {
  const references = (object.external_references ?? []) as Array<Record<string, unknown>>;
  const reference = references.find(
    (r) =>
      typeof r.external_id === 'string' &&
      ['mitre-attack', 'mitre-ics-attack', 'mitre-mobile-attack'].includes(String(r.source_name)),
  );
  return reference?.external_id as string | undefined;
}

let catalog: KnowledgeLayer | undefined;

export function catalogLayerForTests(): KnowledgeLayer {
  catalog ??= loadBundledCatalog();
  return catalog;
}

export function catalogKnowledgeBase(): AttackKnowledgeBase {
  return AttackKnowledgeBase.fromLayers([catalogLayerForTests()]);
}
