import type { VaultIndex } from '../../index/types';
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
