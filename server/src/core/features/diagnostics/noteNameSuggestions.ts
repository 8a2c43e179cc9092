import type { VaultIndex } from '../../index/types';
import { editDistance } from './editDistance';

/**
 * "Did you mean" for broken links: the note name closest to a link's last path segment. A vault
 * can hold thousands of links to the same missing note, so answers are remembered per index
 * (the index object changes whenever the server rebuilds it, and stale answers go with it).
 */

interface NameTable {
  /** Lower-case note name → the name as written. */
  names: Map<string, string>;
  answers: Map<string, string | undefined>;
}

const tables = new WeakMap<VaultIndex, NameTable>();

function tableOf(index: VaultIndex): NameTable {
  let table = tables.get(index);
  if (!table) {
    const names = new Map<string, string>();
    for (const note of index.notes()) names.set(note.name.toLowerCase(), note.name);
    table = { names, answers: new Map() };
    tables.set(index, table);
  }
  return table;
}

/** The closest note name within a few edits of `target`'s last segment, if any. */
export function closestNoteName(index: VaultIndex, target: string): string | undefined {
  const wanted = (target.split('/').pop() ?? target).replace(/\.md$/i, '').trim().toLowerCase();
  if (wanted === '' || wanted.length > 120) return undefined;
  const table = tableOf(index);
  if (table.answers.has(wanted)) return table.answers.get(wanted);
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const [key, name] of table.names) {
    if (Math.abs(key.length - wanted.length) >= bestDistance) continue;
    const distance = editDistance(wanted, key);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  table.answers.set(wanted, best);
  return best;
}
