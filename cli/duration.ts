// Durations on the command line: "15m", "90s", "1h30m", "500ms", or a plain number of seconds.
import { usageError } from "./exit-codes";

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const MAX_MS = 24 * 3_600_000;

export function parseDuration(text: string, flag: string): number {
  const value = text.trim();
  if (/^\d+$/.test(value)) return checked(Number(value) * 1000, text, flag);
  if (!/^(\d+(ms|s|m|h))+$/.test(value)) {
    throw usageError(`${flag} "${text}" is not a duration: use e.g. 15m, 90s, 1h30m or 600.`);
  }
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+)(ms|s|m|h)/g)) {
    total += Number(n) * (UNIT_MS[unit ?? "s"] ?? 1000);
  }
  return checked(total, text, flag);
}

function checked(ms: number, text: string, flag: string): number {
  if (ms <= 0) throw usageError(`${flag} must be longer than zero (got "${text}").`);
  if (ms > MAX_MS) throw usageError(`${flag} must be at most 24h (got "${text}").`);
  return ms;
}

/** "4 s", "2 min 5 s" — for messages. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}
