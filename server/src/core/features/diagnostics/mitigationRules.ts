import type { Range } from 'vscode-languageserver-types';
import type { AttackObject } from '../../kb/types';
import { mappedIds, nameKey } from './kbMemo';
import type { TableRow } from '../../model/types';
import { definingNotes, relatedAt, type RuleContext } from './context';
import { idSuggestion, isWellFormedId } from './idSyntax';
import { idTables, isMitigationMapping, rowId, type IdTable, type RowId } from './idTables';
import { attackObject, linksInCell, sectionsNamed } from './noteFacts';
import { nameFromTarget } from './techniqueFacts';

/**
 * The mitigation mapping tables: `### Mitigations` of a technique and `### Techniques Addressed
 * by Mitigation` of a mitigation. Rows must name the right object, once, and match ATT&CK's
 * `mitigates` relationships.
 */

function nameCellText(
  context: RuleContext,
  idTable: IdTable,
  row: TableRow,
): { text: string; range: Range } | undefined {
  // In a row with the wrong cell count the Name column is not where the header says.
  if (idTable.nameColumn === undefined) return undefined;
  if (row.cells.length !== idTable.table.header.cells.length) return undefined;
  const cell = row.cells[idTable.nameColumn];
  if (!cell) return undefined;
  const link = linksInCell(context.facts, cell)[0];
  if (link)
    return { text: link.alias?.text ?? nameFromTarget(link.target.text), range: cell.range };
  return cell;
}

function checkRow(
  context: RuleContext,
  idTable: IdTable,
  id: RowId,
  object: AttackObject | undefined,
): void {
  const { report } = context;
  const name = nameCellText(context, idTable, id.row);
  if (object && name && name.text !== object.name && nameKey(name.text) !== nameKey(object.name)) {
    report(
      'mitigation-name-mismatch',
      name.range,
      `${id.text} is named '${object.name}' in ATT&CK, not '${name.text}'; expected '${object.name}'`,
      definingNotes(context, id.text, `The note of ${id.text}`),
      { rule: 'mitigation-name-mismatch', id: object.id, name: object.name },
    );
  }
  if (id.link && context.enabled('mitigation-id-mismatch')) {
    const resolution = context.resolve(id.link);
    const identity = resolution.kind === 'resolved' ? resolution.target.identity : undefined;
    if (resolution.kind === 'resolved' && identity && identity.id !== id.text) {
      const related = identity.range
        ? [relatedAt(resolution.target.uri, identity.range, `The ID of ${resolution.target.name}`)]
        : [];
      report(
        'mitigation-id-mismatch',
        id.range,
        `The link points to ${resolution.target.name}, whose ID is ${identity.id}, but the label says ${id.text}; expected ${identity.id} or a link to the note of ${id.text}`,
        related,
      );
    }
  }
}

function checkNotMapped(context: RuleContext, id: RowId, object: AttackObject | undefined): void {
  const { kb, facts, report } = context;
  const own = facts.object;
  if (!own || !object || object.revoked || object.deprecated) return;
  if (mappedIds(kb, own).has(object.id)) return;
  const [mitigation, technique] = own.type === 'technique' ? [object, own] : [own, object];
  report(
    'mitigation-not-mapped',
    id.range,
    `ATT&CK ${kb.attackVersion} does not map ${mitigation.id} (${mitigation.name}) to ${technique.id} (${technique.name})`,
  );
}

function checkMissing(context: RuleContext, listed: ReadonlySet<string>, anchor: Range): void {
  const { kb, facts, report } = context;
  const own = facts.object;
  if (!own || own.type !== 'technique') return;
  const missing = kb
    .mitigationsOf(own.id)
    .filter((id) => !listed.has(id))
    .map((id) => kb.get(id))
    .filter((m): m is AttackObject => m !== undefined && !m.revoked && !m.deprecated);
  if (missing.length === 0) return;
  const names = missing.map((m) => `${m.id} (${m.name})`).join(', ');
  const count = missing.length === 1 ? 'a mitigation' : `${missing.length} mitigations`;
  report(
    'mitigation-missing',
    anchor,
    `ATT&CK ${kb.attackVersion} maps ${count} to ${own.id} that the table lacks: ${names}`,
    undefined,
    { rule: 'mitigation-missing', ids: missing.map((m) => m.id) },
  );
}

export function checkMitigations(context: RuleContext): void {
  const { note, kb, report } = context;
  const kind = context.facts.ownKind;
  const tables = idTables(note).filter((t) => isMitigationMapping(t, kind));
  for (const idTable of tables) {
    const seen = new Map<string, RowId>();
    // id-malformed reports a malformed row; counting what it meant keeps mitigation-missing quiet.
    const meant = new Set<string>();
    for (const row of idTable.table.rows) {
      const id = rowId(context.facts, idTable, row);
      if (!id) continue;
      if (!isWellFormedId(id.text)) {
        const suggestion = idSuggestion(id.text);
        if (suggestion) meant.add(suggestion);
        continue;
      }
      const first = seen.get(id.text);
      if (first) {
        report(
          'mitigation-duplicate',
          id.range,
          `${id.text} is already in this table (line ${first.row.range.start.line + 1}); expected each row once`,
          [relatedAt(note.uri, first.range, `First row of ${id.text}`)],
        );
        continue;
      }
      seen.set(id.text, id);
      const object = attackObject(kb, id.text);
      checkRow(context, idTable, id, object);
      checkNotMapped(context, id, object);
    }
    if (tables[0] === idTable) {
      checkMissing(context, new Set([...seen.keys(), ...meant]), idTable.table.header.range);
    }
  }
  if (kind === 'technique' && tables.length === 0) {
    // An empty Mitigations section still deserves the list of what ATT&CK maps.
    const section = sectionsNamed(note, 'mitigations')[0];
    if (section) checkMissing(context, new Set(), section.heading.textRange);
  }
}
