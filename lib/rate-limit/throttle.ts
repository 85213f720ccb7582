// In-process "at most once per interval per key" gate, for bookkeeping writes such as last-used
// times and failed-use audit entries: a hot credential never causes a write per request.
export function createThrottle(intervalMs: number, maxEntries = 10_000) {
  const last = new Map<string, number>();
  return {
    /** True (and records now) when `key` has not passed within the interval. */
    take(key: string, now = Date.now()): boolean {
      const previous = last.get(key);
      if (previous !== undefined && now - previous < intervalMs) return false;
      if (last.size >= maxEntries) last.clear();
      last.set(key, now);
      return true;
    },
    reset() {
      last.clear();
    },
  };
}
