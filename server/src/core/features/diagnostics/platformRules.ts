import type { AttackDomain, KnowledgeBase } from '../../kb/types';
import { nameKey, platformsMemo } from './kbMemo';
import type { RuleContext } from './context';
import { closest } from './editDistance';
import { platformsOfNote } from './techniqueFacts';

/** platform-unknown: a platform that is not one of the note's ATT&CK domain. */

const DOMAIN_LABEL: Record<AttackDomain, string> = {
  enterprise: 'Enterprise',
  ics: 'ICS',
  mobile: 'Mobile',
};

const ALL_DOMAINS: readonly AttackDomain[] = ['enterprise', 'ics', 'mobile'];

export interface DomainPlatforms {
  /** Platform names as ATT&CK writes them. */
  names: string[];
  /** Normalised name → ATT&CK spelling. */
  byKey: Map<string, string>;
  label: string;
}

const domainPlatformsMemo = new WeakMap<KnowledgeBase, Map<string, DomainPlatforms>>();

/** Platforms of the note's domains; a note of unknown domain may use any domain's platforms. */
export function domainPlatforms(
  kb: KnowledgeBase,
  domains: readonly AttackDomain[],
): DomainPlatforms {
  let memo = domainPlatformsMemo.get(kb);
  if (!memo) domainPlatformsMemo.set(kb, (memo = new Map()));
  const key = domains.join(',');
  let found = memo.get(key);
  if (!found) memo.set(key, (found = collectPlatforms(kb, domains)));
  return found;
}

function collectPlatforms(kb: KnowledgeBase, domains: readonly AttackDomain[]): DomainPlatforms {
  const used = domains.length > 0 ? domains : ALL_DOMAINS;
  const byKey = new Map<string, string>();
  for (const domain of used) {
    for (const platform of platformsMemo(kb, domain)) byKey.set(nameKey(platform), platform);
  }
  const label =
    domains.length > 0 ? `ATT&CK ${used.map((d) => DOMAIN_LABEL[d]).join(' or ')}` : 'ATT&CK';
  return { names: [...byKey.values()], byKey, label };
}

/** `ESXi - Linux - Windows` as one list item: the parts, when each is a known platform. */
export function splitJoinedPlatforms(
  text: string,
  platforms: DomainPlatforms,
): string[] | undefined {
  const parts = text.split(/\s+-\s+|\s*[,;]\s*/).filter((part) => part !== '');
  if (parts.length < 2) return undefined;
  const known = parts.map((part) => platforms.byKey.get(nameKey(part)));
  return known.every((p) => p !== undefined) ? (known as string[]) : undefined;
}

export function checkPlatforms(context: RuleContext): void {
  const { note, kb, facts, report } = context;
  const listed = platformsOfNote(note);
  if (!listed || listed.entries.length === 0) return;
  const platforms = domainPlatforms(kb, facts.domains);
  if (platforms.names.length === 0) return; // nothing loaded to compare with
  for (const entry of listed.entries) {
    if (entry.text === '' || platforms.byKey.has(nameKey(entry.text))) continue;
    const parts = splitJoinedPlatforms(entry.text, platforms);
    if (parts) {
      report(
        'platform-unknown',
        entry.range,
        `'${entry.text}' is ${parts.length} platforms in one item; expected one item per platform: ${parts.join(', ')}`,
        undefined,
        { rule: 'platform-unknown', suggestions: [], joined: parts },
      );
      continue;
    }
    const suggestion = closest(entry.text, platforms.names, nameKey);
    const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
    report(
      'platform-unknown',
      entry.range,
      `'${entry.text}' is not an ${platforms.label} platform${hint}`,
      undefined,
      suggestion ? { rule: 'platform-unknown', suggestions: [suggestion] } : undefined,
    );
  }
}
