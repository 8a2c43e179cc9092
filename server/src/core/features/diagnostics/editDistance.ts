/** Levenshtein distance, for "did you mean" suggestions over short lists (platforms, names). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The candidate closest to `word` (ties keep the earlier candidate). */
export function closest(
  word: string,
  candidates: readonly string[],
  key: (s: string) => string,
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const target = key(word);
  for (const candidate of candidates) {
    const distance = editDistance(target, key(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
