import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { domainOfNote, ownObject } from '../noteObject';
import { withRelatedFirst, type RowCandidates } from './rowCandidates';

/**
 * The rows of a technique's Mitigations table: the mitigations ATT&CK maps to the technique
 * (`mitigates` relationships) first, then every other mitigation of the note's domain.
 */
export function mitigationCandidates(note: Note, kb: KnowledgeBase): RowCandidates {
  const techniqueId = ownObject(note, kb)?.id ?? note.identity?.id;
  const mapped = techniqueId ? kb.mitigationsOf(techniqueId) : [];
  const pool = kb.all('mitigation', domainOfNote(note, kb));
  return withRelatedFirst(kb, mapped, pool, `mapped to ${techniqueId}`);
}
