import type { IndexedNote, VaultIndex } from '../../index/types';
import { editDistanceWithin } from './editDistance';

/**
 * "Did you mean" for broken links: the note name closest to a link's last path segment. The
 * index changes under the server while it lives, so nothing is remembered between calls; names
 * whose length alone rules them out are skipped before any distance is computed.
 */
export function closestNoteName(index: VaultIndex, target: string): string | undefined {
  const wanted = (target.split('/').pop() ?? target).replace(/\.md$/i, '').trim().toLowerCase();
  if (wanted === '' || wanted.length > 120) return undefined;
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const note of index.notes()) {
    if (Math.abs(note.name.length - wanted.length) >= bestDistance) continue;
    const distance = editDistanceWithin(wanted, note.name.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = note.name;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Notes of the vault at `folderUri` whose name is close to a link's last path segment, or whose
 * front matter alias is close to the whole target, nearest first (at most `limit`). Quick fixes
 * offer each of them; the diagnostic's message names only the nearest (`closestNoteName`).
 */
export function closeNotes(
  index: VaultIndex,
  target: string,
  folderUri: string | undefined,
  limit = 5,
): IndexedNote[] {
  const whole = target.replace(/\.md$/i, '').trim().toLowerCase();
  const wanted = (whole.split('/').pop() ?? whole).trim();
  if (wanted === '' || wanted.length > 120) return [];
  const within = Math.max(2, Math.floor(wanted.length / 4));
  const found: { note: IndexedNote; distance: number }[] = [];
  for (const note of index.notes()) {
    if (folderUri !== undefined && note.folderUri !== folderUri) continue;
    let distance = editDistanceWithin(wanted, note.name.toLowerCase(), within);
    for (const alias of note.aliases) {
      distance = Math.min(distance, editDistanceWithin(whole, alias.toLowerCase(), within));
    }
    if (distance <= within) found.push({ note, distance });
  }
  found.sort(
    (a, b) =>
      a.distance - b.distance ||
      a.note.vaultPath.length - b.note.vaultPath.length ||
      (a.note.vaultPath < b.note.vaultPath ? -1 : 1),
  );
  return found.slice(0, limit).map(({ note }) => note);
}
