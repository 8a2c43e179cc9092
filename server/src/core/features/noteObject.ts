import type { AttackDomain, AttackObject, KnowledgeBase } from '../kb/types';
import type { Note } from '../model/types';

/** The ATT&CK object a note describes, when the knowledge base knows its ID. */
export function ownObject(note: Note, kb: KnowledgeBase): AttackObject | undefined {
  return note.identity ? kb.get(note.identity.id) : undefined;
}

/**
 * The domain whose tactics, platforms and mitigations fit the note: its object's first domain;
 * an ICS-numbered ID (`T08xx`, `M08xx`) when ATT&CK does not know it; else Enterprise, which is
 * what most vaults hold.
 */
export function domainOfNote(note: Note, kb: KnowledgeBase): AttackDomain {
  const object = ownObject(note, kb);
  if (object && object.domains.length > 0) return object.domains[0];
  if (note.identity && /^[TM]08\d\d/i.test(note.identity.id)) return 'ics';
  return 'enterprise';
}
