// When a failed delivery is tried again: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after
// each failure (eight attempts over ~28 hours), each delay spread ±20 % so endpoints that failed
// together are not all retried in the same second.
const DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600];

export const MAX_ATTEMPTS = DELAYS_SECONDS.length + 1;
export const JITTER = 0.2;

/** An endpoint whose deliveries have failed for this long without one success is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;

/** Milliseconds until the next try after attempt `attempt` (1-based) failed; null: give up. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  const base = DELAYS_SECONDS[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * 1000 * (1 - JITTER + 2 * JITTER * random()));
}
