import type { WorkspaceIndex } from '../core/index/workspaceIndex';

/** How long after the first index the table starts being built: the first notes come first. */
const START_DELAY_MS = 1500;
/** Longest slice of building before other messages get their turn. */
const SLICE_MS = 8;

/**
 * Builds the index's table of which notes link to a name (`prepareLinkers`) in short slices
 * after the first index, so the first references or backlinks request of a session does not pay
 * for keying every link of the vault (~0.3 s at 9,210 notes); the same slices scan the IDs the
 * notes of a first index mention, for the summary cache. A request that comes before it is
 * done finishes the table itself. `index` is asked each slice: an exclude change swaps the index
 * (the new one builds its table when first asked).
 */
export function warmUpLinkers(index: () => WorkspaceIndex): void {
  const first = index();
  const slice = () => {
    if (index() !== first || first.prepareLinkers(SLICE_MS, { idle: true })) return;
    setImmediate(slice).unref();
  };
  setTimeout(slice, START_DELAY_MS).unref();
}
