import type { Position, Range } from 'vscode-languageserver-types';
import { isAttackId, normaliseId } from '../../kb/names';
import type { KnowledgeBase } from '../../kb/types';
import type { Note, Spanned } from '../../model/types';
import { rangeContains } from './ranges';

/**
 * The ATT&CK object a front matter value names where it names one by something other than its
 * ID (IDs anywhere are mentions already, see idMentions.ts): a tactic by name under `tactic:` /
 * `tactics:` (`- Execution`, the kb dialect), and the kb dialect's `mitre-attack:` vault path,
 * whose file name starts with the ID (`kb/mitre/attack/techniques/T1059.006-Python`). Definition
 * and hover treat the value as the body treats the same ID.
 */
export interface FrontmatterObject {
  id: string;
  /** The value (or list item) that names it. */
  range: Range;
}

const TACTIC_KEYS = /^tactics?$/i;
/** `T1059.006-Python`, `TA0002-Execution`: the ID, a dash or underscore, the name. */
const ID_FILE_NAME = /^([A-Za-z]{1,2}\d{4}(?:\.\d{3})?)(?:[-_ ]|$)/;

export function frontmatterObjectAt(
  note: Note,
  position: Position,
  kb: KnowledgeBase | undefined,
): FrontmatterObject | undefined {
  const fields = note.frontmatter?.fields ?? [];
  for (const field of fields) {
    const values: Spanned[] = field.value ? [field.value, ...field.items] : field.items;
    const value = values.find((candidate) => rangeContains(candidate.range, position));
    if (!value) continue;
    if (TACTIC_KEYS.test(field.key)) return tacticNamed(value, kb);
    if (field.key.toLowerCase() === 'mitre-attack') return idOfPath(value);
  }
  return undefined;
}

function tacticNamed(value: Spanned, kb: KnowledgeBase | undefined): FrontmatterObject | undefined {
  const text = value.text.trim();
  if (isAttackId(text)) return { id: normaliseId(text), range: value.range };
  const tactic = kb?.findByName(text, 'tactic')[0];
  return tactic ? { id: tactic.id, range: value.range } : undefined;
}

function idOfPath(value: Spanned): FrontmatterObject | undefined {
  const text = value.text.trim();
  const fileName = text.slice(text.lastIndexOf('/') + 1);
  const match = ID_FILE_NAME.exec(fileName);
  if (!match || !isAttackId(match[1])) return undefined;
  return { id: normaliseId(match[1]), range: value.range };
}
