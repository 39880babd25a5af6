import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped word was probably meant to be, or null: within two edits for words of
 * four letters or more (a swapped pair is two), one for shorter ones, a third of the length for long
 * ids (`csp-mising` → `csp-missing`, `hsts-max-age-shrot` → `hsts-max-age-short`).
 */
export function nearest(word: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null;
  const near = closest(word, [...candidates]);
  const allowed = near.length >= 4 ? Math.max(2, Math.floor(near.length / 3)) : 1;
  return distance(word, near) <= allowed ? near : null;
}

/** ` Did you mean "x"?` for a near miss, '' otherwise: appended to an "unknown …" message. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = nearest(word, candidates);
  return near === null ? '' : ` Did you mean "${near}"?`;
}
