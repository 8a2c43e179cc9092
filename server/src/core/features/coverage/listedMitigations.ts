import { computeNoteFacts } from '../diagnostics/noteFacts';
import { idSuggestion, isWellFormedId } from '../diagnostics/idSyntax';
import { idTables, isMitigationMapping, rowId } from '../diagnostics/idTables';
import type { IndexedNote } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';

/**
 * The mitigation IDs a technique note's Mitigations table lists, read exactly as the
 * `mitigation-missing` rule reads them (its first mapping table; a malformed ID counts as the ID
 * it was meant to be), so that a note without that finding lists every mapped mitigation.
 */
export function listedMitigationIds(note: Note, kb: KnowledgeBase): Set<string> {
  const listed = new Set<string>();
  const facts = computeNoteFacts(note, kb);
  const table = idTables(note).find((idTable) => isMitigationMapping(idTable, facts.ownKind));
  if (!table) return listed;
  for (const row of table.table.rows) {
    const id = rowId(facts, table, row);
    if (!id) continue;
    const meant = isWellFormedId(id.text) ? id.text : idSuggestion(id.text);
    if (meant) listed.add(meant);
  }
  return listed;
}

/**
 * The same for an indexed note (`model`: its model, when the caller has it), remembered per index
 * entry (a changed note gets a new entry), so that asking again builds no model: a large vault
 * keeps only its recent models.
 */
const listedMemo = new WeakMap<IndexedNote, ReadonlySet<string>>();

export function listedMitigationsOf(
  indexed: IndexedNote,
  kb: KnowledgeBase,
  model?: Note,
): ReadonlySet<string> {
  let listed = listedMemo.get(indexed);
  if (!listed) {
    // A walk over every technique note: a model built here is not kept (see `modelForOneUse`);
    // a caller that has the note's model at hand passes it.
    listed = listedMitigationIds(model ?? indexed.modelForOneUse(), kb);
    listedMemo.set(indexed, listed);
  }
  return listed;
}

/** The listed mitigations of an indexed note when they were read before; nothing is parsed. */
export function keptListedMitigations(indexed: IndexedNote): ReadonlySet<string> | undefined {
  return listedMemo.get(indexed);
}
