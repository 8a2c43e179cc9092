import type { AttackObject } from '../../kb/types';
import { nameKey } from './kbMemo';
import type { RuleContext } from './context';
import { ownIdRange } from './noteFacts';
import { domainPlatforms, splitJoinedPlatforms } from './platformRules';
import { describeTactic, entryTacticIds } from './tacticRules';
import { nameFromTarget, platformsOfNote, tacticsOfNote } from './techniqueFacts';

/**
 * attack-drift: the note's name, tactics or platforms differ from the loaded ATT&CK version —
 * what users see after ATT&CK's twice-yearly release renames or remaps a technique. A hint, since
 * the note may be right for the version it was written for.
 */

/** File names stand in `_` or `／` for spaces and `/`; compare letters and digits only. */
function looseNameKey(name: string): string {
  return nameKey(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The kb generator writes `_` for every character outside ASCII letters and digits (`Doppelg_nging`). */
function asciiNameKey(name: string): string {
  return nameKey(name).replace(/[^a-z0-9]+/g, '');
}

function checkName(context: RuleContext, object: AttackObject): void {
  const { kb, facts, report } = context;
  const name = nameFromTarget(facts.fileName);
  const key = facts.dialect === 'kb' ? asciiNameKey : looseNameKey;
  if (key(name) === key(object.name)) return;
  // Groups and software are also known by their aliases (`Fancy Bear.md` is APT28's note).
  if (object.aliases?.some((alias) => key(alias) === key(name))) return;
  report(
    'attack-drift',
    ownIdRange(facts),
    `ATT&CK ${kb.attackVersion} names ${object.id} '${object.name}'; this note is named '${name}'`,
  );
}

function checkTacticDrift(context: RuleContext, technique: AttackObject): void {
  const { note, kb, facts, report } = context;
  const listed = tacticsOfNote(note, facts);
  const mapped = technique.tactics ?? [];
  if (!listed || mapped.length === 0) return;
  const present = new Set<string>();
  const unknownNames: string[] = [];
  for (const entry of listed.entries) {
    const ids = entryTacticIds(kb, entry, facts.domains);
    for (const id of ids) present.add(id);
    if (ids.length === 0 && entry.name) unknownNames.push(entry.name.text);
  }
  const lacking = mapped.filter((id) => !present.has(id));
  if (lacking.length === 0) return;
  // A tactic renamed by a later ATT&CK release shows up as a name the loaded version lacks.
  const unknown =
    unknownNames.length > 0
      ? ` and lists ${unknownNames.join(', ')}, unknown to ATT&CK ${kb.attackVersion}`
      : '';
  report(
    'attack-drift',
    listed.anchor,
    `ATT&CK ${kb.attackVersion} lists ${technique.id} under ${mapped.map((id) => describeTactic(kb, id)).join(', ')}; this note lacks ${lacking.map((id) => describeTactic(kb, id)).join(', ')}${unknown}`,
    undefined,
    { rule: 'attack-drift', list: 'tactics', expected: [...mapped] },
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
    const known = platforms.byKey.get(nameKey(entry.text));
    const parts = known ? [known] : (splitJoinedPlatforms(entry.text, platforms) ?? []);
    for (const part of parts) present.add(nameKey(part));
  }
  const expectedKeys = new Set(expected.map((p) => nameKey(p)));
  const lacking = expected.filter((p) => !present.has(nameKey(p)));
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
    undefined,
    { rule: 'attack-drift', list: 'platforms', expected: [...expected] },
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
