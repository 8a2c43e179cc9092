import type { Range } from 'vscode-languageserver-types';
import { kindOfId } from '../../kb/names';
import type { AttackObject } from '../../kb/types';
import type { ReplacementIdData } from './fixData';
import { definingNotes, relatedAt, type RuleContext } from './context';
import { idSuggestion, isWellFormedId, looksLikeIdAttempt } from './idSyntax';
import { idTables, rowId } from './idTables';
import { isVaultDefined } from './noteFacts';
import { findByNameMemo, resolveMemo } from './kbMemo';
import { nameFromTarget, tacticsOfNote } from './techniqueFacts';

/**
 * id-malformed, id-unknown, id-revoked, id-deprecated and heading-id-mismatch over every ID
 * position: the front matter ID, the `## ID` heading, ID cells of tables, tactic lines.
 */

interface IdPosition {
  text: string;
  range: Range;
  /** The note's own ID (front matter or heading) rather than a reference to another object. */
  own: boolean;
  /** A name written next to the ID (the row's Name cell, the note's file name), for suggestions. */
  nameHint?: string;
  /** The row's Name cell, which a replacement ID's fix renames too. */
  nameCell?: Range;
}

function collectPositions(context: RuleContext): IdPosition[] {
  const { note, facts } = context;
  const fileName = nameFromTarget(facts.fileName);
  const positions: IdPosition[] = facts.frontmatterIdEntries.map((entry) => ({
    ...entry,
    own: true,
    nameHint: fileName,
  }));
  if (facts.idHeading) {
    const { text, textRange } = facts.idHeading;
    positions.push({ text, range: textRange, own: true, nameHint: fileName });
  }
  // A user's own note (a detection, a report) may number its rows its own way (`D-7`); only in
  // ATT&CK object notes is every ID cell an ATT&CK ID.
  const attackNote = facts.ownKind !== undefined && facts.ownKind !== 'other';
  for (const idTable of idTables(note)) {
    for (const row of idTable.table.rows) {
      const id = rowId(facts, idTable, row);
      if (!id || (!attackNote && !looksLikeIdAttempt(id.text))) continue;
      const nameCell = idTable.nameColumn === undefined ? undefined : row.cells[idTable.nameColumn];
      const nameFits = row.cells.length === idTable.table.header.cells.length;
      positions.push({
        text: id.text,
        range: id.range,
        own: false,
        nameHint: nameCell?.text,
        nameCell: nameFits ? nameCell?.range : undefined,
      });
    }
  }
  for (const entry of tacticsOfNote(note, facts)?.entries ?? []) {
    if (entry.id) positions.push({ ...entry.id, own: false, nameHint: entry.name?.text });
  }
  return positions;
}

function malformedMessage(text: string): string {
  const suggestion = idSuggestion(text);
  const hint = suggestion && suggestion !== text ? `; did you mean ${suggestion}?` : '';
  return `'${text}' is not an ATT&CK ID: expected a prefix and four digits, such as T1059, T1059.006, TA0002 or M1033${hint}`;
}

function checkKnowledge(context: RuleContext, position: IdPosition): void {
  const { kb, index, report } = context;
  const id = position.text; // well formed, so already trimmed and upper-case
  const resolution = resolveMemo(kb, id);
  if (!resolution || isVaultDefined(resolution.object)) {
    // A note's own ID is always a definition, in every dialect: a user's own object (a custom
    // mitigation `M9001`) or an object of an ATT&CK release newer than the loaded one (the
    // newer-vault notice, features/attackRelease, says so once for the vault). References to it
    // are fine when some note defines it.
    if (position.own) return;
    if (index.definitionsOf(id).length > 0) return;
    const named = namedObject(context, id, position.nameHint);
    const hint = named ? `; expected ${named.id}, the ID of ${named.name}` : '';
    report(
      'id-unknown',
      position.range,
      `${id} is not defined by ATT&CK ${kb.attackVersion} or by any note of the vault${hint}`,
      undefined,
      // The note's own ID is written twice (front matter, heading): no one-place fix for it.
      named && !position.own
        ? { rule: 'id-unknown', suggestion: { id: named.id, name: named.name } }
        : undefined,
    );
    return;
  }
  const { object, replacement } = resolution;
  if (object.revoked) {
    const instead = replacement ? `; use ${replacement.id} (${replacement.name}) instead` : '';
    const related = replacement
      ? definingNotes(context, replacement.id, `The note of ${replacement.id}`)
      : [];
    report(
      'id-revoked',
      position.range,
      `${id} (${object.name}) is revoked in ATT&CK ${kb.attackVersion}${instead}`,
      related,
      replacementData(position, replacement ? [replacement] : []),
    );
  } else if (object.deprecated) {
    report(
      'id-deprecated',
      position.range,
      `${id} (${object.name}) is deprecated in ATT&CK ${kb.attackVersion}`,
    );
  }
}

/**
 * A reference to a retired object can point at its replacement; the note's own ID cannot change
 * that way (the note would claim to be another object), so its findings carry no payload.
 */
function replacementData(
  position: IdPosition,
  replacements: readonly AttackObject[],
): ReplacementIdData | undefined {
  if (position.own || replacements.length === 0) return undefined;
  return {
    rule: 'id-revoked',
    id: position.text,
    replacements: replacements.map((r) => ({ id: r.id, name: r.name })),
    nameCell: position.nameCell,
  };
}

/** The live object of the unknown ID's kind that the name beside it names (Python: T1059.006). */
function namedObject(
  context: RuleContext,
  id: string,
  name: string | undefined,
): AttackObject | undefined {
  const type = kindOfId(id);
  if (!name || !type) return undefined;
  return findByNameMemo(context.kb, name, type).find(
    (object) => !object.revoked && !object.deprecated && !isVaultDefined(object),
  );
}

export function checkIds(context: RuleContext): void {
  const { facts, note, report } = context;
  const reportedOwn = new Set<string>();
  for (const position of collectPositions(context)) {
    const wellFormed = isWellFormedId(position.text);
    if (!wellFormed && position.own && !looksLikeIdAttempt(position.text)) continue;
    if (!wellFormed) {
      const suggestion = idSuggestion(position.text);
      report(
        'id-malformed',
        position.range,
        malformedMessage(position.text),
        undefined,
        suggestion ? { rule: 'id-malformed', suggestion } : undefined,
      );
      continue;
    }
    // The own ID is usually written twice (front matter and heading): one finding is enough.
    if (position.own) {
      if (reportedOwn.has(position.text)) continue;
      reportedOwn.add(position.text);
    }
    checkKnowledge(context, position);
  }

  const heading = facts.idHeading;
  const frontmatterId = facts.frontmatterId;
  if (
    heading &&
    frontmatterId &&
    isWellFormedId(heading.text) &&
    heading.text !== frontmatterId.text
  ) {
    report(
      'heading-id-mismatch',
      heading.textRange,
      `The heading says ${heading.text} but the front matter ID is ${frontmatterId.text}; expected \`## ${frontmatterId.text}\``,
      [relatedAt(note.uri, frontmatterId.range, `The front matter ID ${frontmatterId.text}`)],
      {
        rule: 'heading-id-mismatch',
        headingId: heading.text,
        frontmatterId: frontmatterId.text,
        frontmatterRange: frontmatterId.range,
      },
    );
  }
}
