/**
 * A small fuzzy scorer for completion: is `query` a subsequence of `target`, and how well do the
 * matched characters line up with word starts and runs? Both strings are expected normalised
 * (see `normaliseName`). Linear in the target's length, no allocation, so scoring every ATT&CK
 * name on each keystroke stays well under a millisecond per thousand names.
 */

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 97 && code <= 122) || // a-z
    code > 127 // letters of other scripts
  );
}

function isWordStart(target: string, index: number): boolean {
  return index === 0 || !isWordChar(target.charCodeAt(index - 1));
}

/** Index of the next `code` at or after `from`, preferring one that starts a word. */
function nextMatch(target: string, code: number, from: number): number {
  let first = -1;
  for (let i = from; i < target.length; i++) {
    if (target.charCodeAt(i) !== code) continue;
    if (isWordStart(target, i)) return i;
    if (first < 0) first = i;
  }
  return first;
}

/** 0 when `query` is not a subsequence of `target`; otherwise a score in (0, 1], higher is better. */
export function fuzzyScore(query: string, target: string): number {
  if (query.length === 0 || query.length > target.length) return 0;
  let position = 0;
  let points = 0;
  let run = 0;
  let gaps = 0;
  for (let q = 0; q < query.length; q++) {
    const code = query.charCodeAt(q);
    // A character that continues the current run beats jumping to a later word start.
    const found =
      q > 0 && target.charCodeAt(position) === code ? position : nextMatch(target, code, position);
    if (found < 0) return 0;
    const consecutive = q > 0 && found === position;
    run = consecutive ? run + 1 : 0;
    const wordStart = isWordStart(target, found);
    if (!consecutive && !wordStart) gaps++; // a jump into the middle of a word
    points += 1 + (wordStart ? 2 : 0) + Math.min(run, 3);
    position = found + 1;
  }
  const best = query.length * 6;
  // Mid-word jumps and long targets make weaker matches for the same query.
  const gapPenalty = (0.3 * gaps) / query.length;
  const lengthPenalty = Math.min(0.35, (target.length - query.length) / 200);
  return Math.max(0.001, points / best - gapPenalty - lengthPenalty);
}
