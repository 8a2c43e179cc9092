import type { Element, ElementContent } from 'hast';
import type { VaultIndex } from '../../index/types';
import { ATTACK_ID } from '../../kb/names';
import type { AttackObject, KnowledgeBase } from '../../kb/types';
import type { Note, NoteKind } from '../../model/types';
import { kindLabel } from '../attackMarkdown';
import { computeNoteFacts, fieldEntries, findField } from '../diagnostics/noteFacts';
import { attackIdLink, attackPage } from './attackIds';
import { element, text } from './hast';
import { noteName } from './noteNames';

/**
 * The header card: the note's ID, kind, name, tactics and platforms, and its revoked or
 * deprecated status. Facts come from the knowledge base (ATT&CK or a STIX bundle) when it knows
 * the note's ID, else from what the note itself declares; never from MITRE's description prose.
 */

export interface NoteIdentityFacts {
  id?: string;
  kind: string;
  name: string;
  /** The object ATT&CK (or a STIX bundle) defines for the ID. */
  object?: AttackObject;
}

/** The note's ID, kind, name and ATT&CK object. */
export function identityFacts(note: Note, index: VaultIndex, kb: KnowledgeBase): NoteIdentityFacts {
  const facts = computeNoteFacts(note, kb);
  const object = facts.object;
  const name = noteName(index.get(note.uri)?.name ?? facts.fileName, facts.ownId, kb);
  const kind = object ? kindLabel(object) : facts.ownId ? noteKindLabel(facts.ownKind) : 'note';
  return { id: facts.ownId, kind, name, object };
}

/** The panel's title: `T1059.006 Python`, or the name alone for a note without an ID. */
export function previewTitle(identity: NoteIdentityFacts): string {
  return identity.id ? `${identity.id} ${identity.name}` : identity.name;
}

export function noteCard(note: Note, identity: NoteIdentityFacts, kb: KnowledgeBase): Element {
  const { id, object } = identity;
  const page = id ? attackPage(kb, id) : undefined;
  const heading: ElementContent[] = [];
  if (id) {
    heading.push(
      element('span', { className: ['note-id'] }, page ? [attackIdLink(page, id)] : id),
      text(' '),
    );
  }
  heading.push(element('span', { className: ['note-kind'] }, identity.kind));
  const children: ElementContent[] = [
    element('div', { className: ['note-heading'] }, heading),
    element('div', { className: ['note-name'] }, identity.name),
  ];
  const status = object ? statusOf(object, kb) : undefined;
  if (status) children.push(status);
  const chips = [
    ...tacticsOf(note, object, kb).map((tactic) =>
      element('span', { className: ['chip', 'chip-tactic'], title: tactic.title }, tactic.name),
    ),
    ...platformsOf(note, object).map((platform) =>
      element('span', { className: ['chip', 'chip-platform'] }, platform),
    ),
  ];
  if (chips.length > 0) children.push(element('div', { className: ['chips'] }, chips));
  // Line 0: the card stands for the note's identity, at the top of the editor's text.
  return element('header', { className: ['note-card'], dataLine: 0 }, children);
}

function statusOf(object: AttackObject, kb: KnowledgeBase): Element | undefined {
  if (object.revoked) {
    const replacement = kb.resolve(object.id)?.replacement;
    const page = replacement ? attackPage(kb, replacement.id) : undefined;
    const content: ElementContent[] = [text('Revoked by ATT&CK')];
    if (replacement) {
      content.push(
        text(': replaced by '),
        page ? attackIdLink(page, replacement.id) : text(replacement.id),
        text(` ${replacement.name}`),
      );
    }
    return element('div', { className: ['note-status', 'status-revoked'] }, content);
  }
  if (object.deprecated) {
    return element(
      'div',
      { className: ['note-status', 'status-deprecated'] },
      'Deprecated in ATT&CK',
    );
  }
  return undefined;
}

interface TacticChip {
  name: string;
  title?: string;
}

function tacticsOf(note: Note, object: AttackObject | undefined, kb: KnowledgeBase): TacticChip[] {
  if (object) {
    return (object.tactics ?? []).map((id) => ({ name: kb.get(id)?.name ?? id, title: id }));
  }
  return declared(note, ['tactic', 'tactics']).map((entry) => {
    const id = [...entry.matchAll(ATTACK_ID)][0]?.[0]?.toUpperCase();
    const named = id ? kb.get(id) : undefined;
    const name = named?.name ?? plainName(entry.replace(/\([^)]*\)\s*$/, ''));
    return { name: name || entry, title: id };
  });
}

function platformsOf(note: Note, object: AttackObject | undefined): string[] {
  if (object) return object.platforms ?? [];
  return declared(note, ['platforms', 'platform']).map(plainName);
}

/** Entries of the note's own front matter field or section (`tactic:` list, `### Platforms`). */
function declared(note: Note, keys: string[]): string[] {
  const field = findField(note, ...keys);
  const fromFrontmatter = field ? fieldEntries(field).map((entry) => entry.text) : [];
  if (fromFrontmatter.length > 0) return fromFrontmatter;
  const section = note.sections.find((candidate) => keys.includes(candidate.key));
  return section ? section.items.map((item) => item.text) : [];
}

/** `[[tactics/Execution|Run]]` → `Run`; `[[tactics/Execution]]` → `Execution`. */
function plainName(entry: string): string {
  const link = /\[\[([^\]|#]*)(?:#[^\]|]*)?(?:\\?\|([^\]]*))?\]\]/.exec(entry);
  if (link) return (link[2] ?? link[1].split('/').pop() ?? '').trim();
  return entry.replace(/^["']|["']$/g, '').trim();
}

function noteKindLabel(kind: NoteKind | undefined): string {
  return kind ? kind.replace('-', ' ') : 'note';
}
