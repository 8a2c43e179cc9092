import type { AttackDomain, AttackObject, KnowledgeBase } from '../../kb/types';
import type { CoverageTactic } from './types';

/**
 * The left-to-right order of each domain's matrix, by tactic short name. ATT&CK keeps it in the
 * `tactic_refs` of its STIX matrix objects, which the bundled catalog does not carry; tactics the
 * list lacks (a later ATT&CK release, a user bundle) follow in ID order.
 */
const MATRIX_ORDER: Record<AttackDomain, readonly string[]> = {
  enterprise: [
    'reconnaissance',
    'resource-development',
    'initial-access',
    'execution',
    'persistence',
    'privilege-escalation',
    'defense-evasion',
    'credential-access',
    'discovery',
    'lateral-movement',
    'collection',
    'command-and-control',
    'exfiltration',
    'impact',
  ],
  mobile: [
    'initial-access',
    'execution',
    'persistence',
    'privilege-escalation',
    'defense-evasion',
    'credential-access',
    'discovery',
    'lateral-movement',
    'collection',
    'command-and-control',
    'exfiltration',
    'impact',
  ],
  ics: [
    'initial-access',
    'execution',
    'persistence',
    'privilege-escalation',
    'evasion',
    'discovery',
    'lateral-movement',
    'collection',
    'command-and-control',
    'inhibit-response-function',
    'impair-process-control',
    'impact',
  ],
};

export function matrixOrderOf(domain: AttackDomain): readonly string[] {
  return MATRIX_ORDER[domain];
}

/** The domain's live tactics that have a short name, in matrix order. */
export function domainTactics(kb: KnowledgeBase, domain: AttackDomain): CoverageTactic[] {
  const order = MATRIX_ORDER[domain];
  const rank = (tactic: AttackObject) => {
    const at = order.indexOf(tactic.shortname ?? '');
    return at < 0 ? order.length : at;
  };
  return kb
    .all('tactic', domain)
    .filter((tactic) => tactic.shortname !== undefined && tactic.domains.includes(domain))
    .sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((tactic) => ({ id: tactic.id, shortName: tactic.shortname ?? '', name: tactic.name }));
}
