import type { AttackDomain, AttackObject, KnowledgeBase } from '../../kb/types';
import { definingNotes, type RuleContext } from './context';
import { nameKey, tacticsByName } from './kbMemo';
import { isWellFormedId } from './idSyntax';
import { tacticsOfNote, type TacticEntry } from './techniqueFacts';

/**
 * tactic-id-mismatch (`[[Execution]] (TA0003)`: name and ID disagree) and tactic-not-mapped
 * (ATT&CK does not list the technique under that tactic).
 */

/** Tactics named `name`; "Execution" exists in every domain, so the note's domain wins. */
export function tacticsNamed(
  kb: KnowledgeBase,
  name: string,
  domains: readonly AttackDomain[],
): AttackObject[] {
  const all = tacticsByName(kb).get(nameKey(name)) ?? [];
  const inDomain = all.filter((tactic) => tactic.domains.some((d) => domains.includes(d)));
  return inDomain.length > 0 ? inDomain : [...all];
}

export function describeTactic(kb: KnowledgeBase, id: string): string {
  const tactic = kb.get(id);
  return tactic ? `${tactic.name} (${tactic.id})` : id;
}

/** The tactic ID an entry stands for, or undefined when neither its ID nor its name is known. */
export function entryTacticId(
  kb: KnowledgeBase,
  entry: TacticEntry,
  domains: readonly AttackDomain[],
): string | undefined {
  if (entry.id && isWellFormedId(entry.id.text) && kb.get(entry.id.text)?.type === 'tactic')
    return entry.id.text;
  if (entry.name) return tacticsNamed(kb, entry.name.text, domains)[0]?.id;
  return undefined;
}

/** Every tactic an entry could mean: its ID's and its name's (they differ on a mismatch line). */
export function entryTacticIds(
  kb: KnowledgeBase,
  entry: TacticEntry,
  domains: readonly AttackDomain[],
): string[] {
  const ids: string[] = [];
  if (entry.id && isWellFormedId(entry.id.text) && kb.get(entry.id.text)?.type === 'tactic') {
    ids.push(entry.id.text);
  }
  const named = entry.name ? tacticsNamed(kb, entry.name.text, domains)[0] : undefined;
  if (named) ids.push(named.id);
  return ids;
}

export function checkTactics(context: RuleContext): void {
  const { note, kb, facts, report } = context;
  const listed = tacticsOfNote(note, facts);
  if (!listed) return;
  const technique = facts.object?.type === 'technique' ? facts.object : undefined;
  const mapped = technique?.tactics ?? [];

  for (const entry of listed.entries) {
    if (entry.name && entry.id && isWellFormedId(entry.id.text)) {
      const named = tacticsNamed(kb, entry.name.text, facts.domains);
      if (named.length > 0 && !named.some((tactic) => tactic.id === entry.id!.text)) {
        const expected = named[0];
        const writtenName = kb.get(entry.id.text)?.name;
        const written = writtenName ? `${entry.id.text} (${writtenName})` : entry.id.text;
        report(
          'tactic-id-mismatch',
          entry.id.range,
          `The tactic ${expected.name} is ${expected.id}, not ${written}; expected (${expected.id})`,
          definingNotes(context, expected.id, `The note of ${expected.id}`),
          {
            rule: 'tactic-id-mismatch',
            namedId: expected.id,
            nameRange: entry.name.range,
            idName: kb.get(entry.id.text)?.type === 'tactic' ? writtenName : undefined,
            nameIsLinkTarget: entry.link !== undefined && entry.link.alias === undefined,
          },
        );
        continue; // which of the two is wrong is the author's call; "not mapped" would only echo it
      }
    }
    if (!technique || mapped.length === 0) continue;
    const tacticId = entryTacticId(kb, entry, facts.domains);
    if (!tacticId || mapped.includes(tacticId)) continue;
    const where = entry.id?.range ?? entry.name?.range;
    if (!where) continue;
    const expected = mapped.map((id) => describeTactic(kb, id)).join(', ');
    report(
      'tactic-not-mapped',
      where,
      `ATT&CK ${kb.attackVersion} does not list ${technique.id} under ${describeTactic(kb, tacticId)}; it lists ${expected}`,
    );
  }
}
