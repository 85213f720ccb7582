// Failure counters in PostgreSQL's `rate_limits` table (the same table rate-limiter-flexible uses,
// under their own key prefixes), shared by every server process. Made for endpoints where only
// failures should cost anything: a caller that succeeds never writes, and a failure is one
// statement that bumps every counter it concerns and returns their new values. Fixed windows, as
// rate-limiter-flexible's: the first failure opens a window of `windowSeconds`.
import { kdb } from "@/lib/kysely";
import { sql } from "kysely";

export type FailureCount = { key: string; points: number; retryAfterSeconds: number };

function retryAfter(expireMs: number, now: number) {
  return Math.max(1, Math.ceil((expireMs - now) / 1000));
}

/** Adds one failure to each key; returns each key's count in its current window. */
export async function recordFailures(
  keys: string[],
  windowSeconds: number,
  now = Date.now(),
): Promise<FailureCount[]> {
  if (keys.length === 0) return [];
  const expire = now + windowSeconds * 1000;
  const rows = await kdb()
    .insertInto("rate_limits")
    .columns(["key", "points", "expire"])
    .expression(
      kdb().selectNoFrom([
        sql<string>`unnest(${sql.val(keys)}::text[])`.as("key"),
        sql<number>`1`.as("points"),
        sql<string>`${String(expire)}::bigint`.as("expire"),
      ]),
    )
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        // An expired window starts over; a live one counts on.
        points: sql<number>`CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire <= ${String(now)}::bigint
          THEN 1 ELSE rate_limits.points + 1 END`,
        expire: sql<string>`CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire <= ${String(now)}::bigint
          THEN excluded.expire ELSE rate_limits.expire END`,
      }),
    )
    .returning(["key", "points", "expire"])
    .execute();
  return rows.map((r) => ({
    key: r.key,
    points: r.points,
    retryAfterSeconds: retryAfter(Number(r.expire ?? expire), now),
  }));
}

/**
 * The failures counted so far under `key` in its live window (0 when none), as a scalar
 * sub-select, so a hot read (e.g. the token endpoint's client lookup) checks limits in the same
 * round trip.
 */
export function failuresSelect(key: string, now = Date.now()) {
  return kdb()
    .selectFrom("rate_limits")
    .select("points")
    .where("key", "=", key)
    .where(sql<boolean>`expire > ${String(now)}::bigint`);
}
