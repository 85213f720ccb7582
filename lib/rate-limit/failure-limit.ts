// Failure counters in PostgreSQL's `rate_limits` table (the same table rate-limiter-flexible uses,
// under their own key prefixes), shared by every server process. Made for endpoints where only
// failures should cost anything: a caller that succeeds never writes, and a failure is one
// statement that bumps every counter it concerns and returns their new values. Fixed windows, as
// rate-limiter-flexible's: the first failure opens a window of `windowSeconds`.
import { kdb } from "@/lib/kysely";
import { sql } from "kysely";

export type FailureCount = { key: string; points: number; retryAfterSeconds: number };

// The database's clock, in ms, so every server agrees on windows whatever its own clock says.
const NOW_MS = sql<string>`(extract(epoch FROM clock_timestamp()) * 1000)::bigint`;

/** Adds one failure to each key; returns each key's count in its current window. */
export async function recordFailures(
  keys: string[],
  windowSeconds: number,
): Promise<FailureCount[]> {
  if (keys.length === 0) return [];
  const rows = await kdb()
    .insertInto("rate_limits")
    .columns(["key", "points", "expire"])
    .expression(
      kdb().selectNoFrom([
        sql<string>`unnest(${sql.val(keys)}::text[])`.as("key"),
        sql<number>`1`.as("points"),
        sql<string>`${NOW_MS} + ${windowSeconds * 1000}`.as("expire"),
      ]),
    )
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // An expired window starts over; a live one counts on.
        points: sql<number>`CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire <= ${NOW_MS}
          THEN 1 ELSE rate_limits.points + 1 END`,
        expire: sql<string>`CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire <= ${NOW_MS}
          THEN excluded.expire ELSE rate_limits.expire END`,
      }),
    )
    .returning(["key", "points", sql<string>`rate_limits.expire - ${NOW_MS}`.as("remainingMs")])
    .execute();
  return rows.map((r) => ({
    key: r.key,
    points: r.points,
    retryAfterSeconds: Math.max(1, Math.ceil(Number(r.remainingMs) / 1000)),
  }));
}

/**
 * The failures counted so far under `key` in its live window (null when none), as a scalar
 * sub-select, so a hot read (e.g. the token endpoint's client lookup) checks limits in the same
 * round trip.
 */
export function failuresSelect(key: string) {
  return kdb()
    .selectFrom("rate_limits")
    .select("points")
    .where("key", "=", key)
    .where(sql<boolean>`expire > ${NOW_MS}`);
}
