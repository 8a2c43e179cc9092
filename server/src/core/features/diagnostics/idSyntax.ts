import { isAttackId } from '../../kb/names';

/**
 * What counts as "an attempt at an ATT&CK ID" and what counts as a correct one. The loose shape
 * decides which text is an ID position at all (a group's `alias: APT28, Fancy Bear` holds names,
 * and `APT28` must not be read as a broken ID); the strict one decides whether it is well formed.
 */

/** Known prefix, optional separator, then digits and dots: `T1059.6`, `ta-0002`, `M 1033`. */
const ID_ATTEMPT = /^(?:DET|TA|DS|DC|AN|T|M|G|S|C|A)[\s_-]?\d[\d.]*$/i;

export function looksLikeIdAttempt(text: string): boolean {
  return ID_ATTEMPT.test(text.trim());
}

/** The upper-case form ATT&CK writes; one test instead of the case-blind one plus a comparison. */
const WELL_FORMED_ID = /^(?:DET|TA|DS|DC|AN|T|M|G|S|C|A)\d{4}(?:\.\d{3})?$/;

/** ATT&CK writes IDs upper-case; a lower-case `t1059` is a typo worth a squiggle. */
export function isWellFormedId(text: string): boolean {
  return WELL_FORMED_ID.test(text);
}

/** What an author probably meant, for the message: `t1059.6` → nothing, `t1059` → `T1059`. */
export function idSuggestion(text: string): string | undefined {
  const compact = text
    .trim()
    .replace(/[\s_-]/g, '')
    .toUpperCase();
  return isAttackId(compact) ? compact : undefined;
}
