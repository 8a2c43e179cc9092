import type { AttackDomain, AttackObject, AttackObjectType } from './types';

/** Object counts split the way ATT&CK's own release notes count them. */

export interface StatusCounts {
  live: number;
  revoked: number;
  deprecated: number;
}

export type DomainTypeCounts = Partial<
  Record<AttackDomain, Partial<Record<AttackObjectType, StatusCounts>>>
>;

/** A revoked object that is also deprecated counts as revoked (it has a replacement). */
export function statusOf(object: Pick<AttackObject, 'revoked' | 'deprecated'>): keyof StatusCounts {
  if (object.revoked) return 'revoked';
  if (object.deprecated) return 'deprecated';
  return 'live';
}

/** 2 live, 1 deprecated, 0 revoked: the order in which a live object beats a withdrawn one. */
export function statusRank(object: Pick<AttackObject, 'revoked' | 'deprecated'>): number {
  return object.revoked ? 0 : object.deprecated ? 1 : 2;
}

export function isLive(object: Pick<AttackObject, 'revoked' | 'deprecated'>): boolean {
  return !object.revoked && !object.deprecated;
}

/** Counts per domain, type and status; an object of several domains counts in each. */
export function countByDomainAndType(objects: Iterable<AttackObject>): DomainTypeCounts {
  const counts: DomainTypeCounts = {};
  for (const object of objects) {
    for (const domain of object.domains) {
      const byType = (counts[domain] ??= {});
      const entry = (byType[object.type] ??= { live: 0, revoked: 0, deprecated: 0 });
      entry[statusOf(object)]++;
    }
  }
  return counts;
}

/** Live objects per type, for `KnowledgeSource.counts`. */
export function liveCountsByType(
  objects: Iterable<AttackObject>,
): Partial<Record<AttackObjectType, number>> {
  const counts: Partial<Record<AttackObjectType, number>> = {};
  for (const object of objects) {
    if (isLive(object)) counts[object.type] = (counts[object.type] ?? 0) + 1;
  }
  return counts;
}
