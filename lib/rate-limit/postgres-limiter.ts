// Rate limits shared by every server process, stored in PostgreSQL's `rate_limits` table (Prisma
// model RateLimit, created by migration) through rate-limiter-flexible's RateLimiterPostgres.
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pgPool } from "@/lib/pg-pool";

const limiters = new Map<string, RateLimiterPostgres>();

/** A limiter of `points` per `durationSeconds`, keyed under `name` (created once per process). */
export function postgresLimiter(name: string, points: number, durationSeconds: number) {
  const id = `${name}:${points}:${durationSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: pgPool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      // Expired rows are overwritten on the next consume; the sweep timer is not needed.
      clearExpiredByTimeout: false,
      keyPrefix: name,
      points,
      duration: durationSeconds,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Consumes one point; a refusal carries the seconds until the window frees a point. */
export async function consumePoint(
  limiter: RateLimiterPostgres,
  key: string,
): Promise<LimitResult> {
  try {
    await limiter.consume(key, 1);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
    throw error;
  }
}

/** "in 7 minutes" / "in 40 seconds" — for messages that say when to retry. */
export function retryInWords(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}
