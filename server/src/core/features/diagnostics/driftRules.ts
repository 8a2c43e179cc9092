import type { AttackObject } from '../../kb/types';
import { normaliseName } from '../../kb/names';
import type { RuleContext } from './context';
import { domainPlatforms, splitJoinedPlatforms } from './platformRules';
import { firstLineRange } from './ranges';
import { describeTactic, entryTacticId } from './tacticRules';
import { nameFromTarget, platformsOfNote, tacticsOfNote } from './techniqueFacts';

/**
 * attack-drift: the note's name, tactics or platforms differ from the loaded ATT&CK version —
 * what users see after ATT&CK's twice-yearly release renames or remaps a technique. A hint, since
 * the note may be right for the version it was written for.
 */

/** File names stand in `_` or `／` for spaces and `/`; compare letters and digits only. */
function nameKey(name: string): string {
  return normaliseName(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

function checkName(context: RuleContext, object: AttackObject): void {
  const { note, kb, facts, report } = context;
  const name = nameFromTarget(facts.fileName);
  if (nameKey(name) === nameKey(object.name)) return;
  // Groups and software are also known by their aliases (`Fancy Bear.md` is APT28's note).
  if (object.aliases?.some((alias) => nameKey(alias) === nameKey(name))) return;
  report(
    'attack-drift',
    note.identity?.range ?? facts.idHeading?.textRange ?? firstLineRange(),
    `ATT&CK ${kb.attackVersion} names ${object.id} '${object.name}'; this note is named '${name}'`,
  );
}

function checkTacticDrift(context: RuleContext, technique: AttackObject): void {
  const { note, kb, facts, report } = context;
  const listed = tacticsOfNote(note, facts);
  const mapped = technique.tactics ?? [];
  if (!listed || mapped.length === 0) return;
  const present = new Set(listed.entries.map((entry) => entryTacticId(kb, entry, facts.domains)));
  const lacking = mapped.filter((id) => !present.has(id));
  if (lacking.length === 0) return;
  report(
    'attack-drift',
    listed.anchor,
    `ATT&CK ${kb.attackVersion} lists ${technique.id} under ${mapped.map((id) => describeTactic(kb, id)).join(', ')}; this note lacks ${lacking.map((id) => describeTactic(kb, id)).join(', ')}`,
  );
}

function checkPlatformDrift(context: RuleContext, object: AttackObject): void {
  const { note, kb, facts, report } = context;
  const listed = platformsOfNote(note);
  const expected = object.platforms ?? [];
  if (!listed || expected.length === 0) return;
  const platforms = domainPlatforms(kb, facts.domains);
  // Compare only what is recognisable; unknown items are platform-unknown's business.
  const present = new Set<string>();
  for (const entry of listed.entries) {
    const known = platforms.byKey.get(normaliseName(entry.text));
    const parts = known ? [known] : (splitJoinedPlatforms(entry.text, platforms) ?? []);
    for (const part of parts) present.add(normaliseName(part));
  }
  const expectedKeys = new Set(expected.map((p) => normaliseName(p)));
  const lacking = expected.filter((p) => !present.has(normaliseName(p)));
  const extra = [...present]
    .filter((key) => !expectedKeys.has(key))
    .map((key) => platforms.byKey.get(key) ?? key);
  if (lacking.length === 0 && extra.length === 0) return;
  const differences = [
    lacking.length > 0 ? `lacks ${lacking.join(', ')}` : '',
    extra.length > 0 ? `also lists ${extra.join(', ')}` : '',
  ].filter((part) => part !== '');
  report(
    'attack-drift',
    listed.anchor,
    `ATT&CK ${kb.attackVersion} lists the platforms ${expected.join(', ')} for ${object.id}; this note ${differences.join(' and ')}`,
  );
}

export function checkDrift(context: RuleContext): void {
  const object = context.facts.object;
  if (!object || object.revoked || object.deprecated || !context.enabled('attack-drift')) return;
  checkName(context, object);
  if (object.type !== 'technique') return;
  checkTacticDrift(context, object);
  checkPlatformDrift(context, object);
}
