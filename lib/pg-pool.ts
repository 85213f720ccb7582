// A plain `pg` pool beside Prisma, for the few hot paths where Prisma's WebAssembly query
// pipeline dominates the cost: measured here, an indexed single-row read through Prisma (even
// $queryRaw) ran at ~0.15× the throughput of the same SQL on `pg`. Used by
// credential lookups on every API request and by the PostgreSQL rate limiter. Queries here are
// parameterised SQL against Prisma's tables; integration tests keep them in step with the schema.
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

const globalForPool = globalThis as unknown as { signalDiffPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPool.signalDiffPgPool) {
    const pool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: Number(process.env.DATABASE_HOT_POOL_SIZE ?? 5),
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (err) => logger.warn({ err }, "idle PostgreSQL connection lost"));
    globalForPool.signalDiffPgPool = pool;
  }
  return globalForPool.signalDiffPgPool;
}

/** Closes the pool (scripts and benchmarks, before their database goes away). */
export async function closePgPool() {
  const pool = globalForPool.signalDiffPgPool;
  globalForPool.signalDiffPgPool = undefined;
  await pool?.end();
}
