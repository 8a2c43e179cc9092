import type { KnowledgeBase } from '../../kb/types';
import type { Note } from '../../model/types';
import { domainOfNote, ownObject } from '../noteObject';
import { withRelatedFirst, type RowCandidates } from './rowCandidates';

/** A parent technique's Sub-techniques table: its own sub-techniques, nothing else fits there. */
export function subTechniqueCandidates(note: Note, kb: KnowledgeBase): RowCandidates {
  const techniqueId = ownObject(note, kb)?.id ?? note.identity?.id;
  const children = techniqueId ? kb.subtechniquesOf(techniqueId) : [];
  return withRelatedFirst(kb, children, [], `sub-technique of ${techniqueId}`);
}

/**
 * A mitigation's Techniques Addressed by Mitigation table: the techniques ATT&CK maps the
 * mitigation to first, then every other technique of its domain.
 */
export function addressedTechniqueCandidates(note: Note, kb: KnowledgeBase): RowCandidates {
  const mitigationId = ownObject(note, kb)?.id ?? note.identity?.id;
  const mapped = mitigationId ? kb.techniquesOf(mitigationId) : [];
  const pool = kb.all('technique', domainOfNote(note, kb));
  return withRelatedFirst(kb, mapped, pool, `addressed by ${mitigationId}`);
}

/**
 * A group's (or software's, campaign's) Techniques Used table: every technique of its domain. The
 * knowledge base holds no `uses` relationships, so none comes first.
 */
export function usedTechniqueCandidates(note: Note, kb: KnowledgeBase): RowCandidates {
  return withRelatedFirst(kb, [], kb.all('technique', domainOfNote(note, kb)), '');
}
