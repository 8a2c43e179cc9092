import type { IndexedNote } from '../../index/types';
import type { KnowledgeBase } from '../../kb/types';

/**
 * A note's name for the preview: ATT&CK's (or a STIX bundle's) name for its ID, else its file name
 * without the ID decorations generators add (kb dialect `T1059.006-Python`, seed vault
 * `Code Signing (M1045)`).
 */
export function noteName(fileName: string, id: string | undefined, kb: KnowledgeBase): string {
  const object = id ? kb.get(id) : undefined;
  if (object && object.definitionUri === undefined) return object.name;
  if (!id) return fileName;
  const upper = fileName.toUpperCase();
  if (upper.startsWith(`${id}-`)) return fileName.slice(id.length + 1).replace(/_/g, ' ');
  if (upper.endsWith(` (${id})`)) return fileName.slice(0, -(id.length + 3));
  return fileName;
}

/** `T1059.006 Python`, or the name alone for a note without an ID. */
export function noteTitle(note: IndexedNote, kb: KnowledgeBase): string {
  const id = note.identity?.id;
  const name = noteName(note.name, id, kb);
  return id ? `${id} ${name}` : name;
}
