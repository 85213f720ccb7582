// A plain `pg` pool beside Prisma, for the few hot paths where Prisma's WebAssembly query
// pipeline dominates the cost: measured here, an indexed single-row read through Prisma (even
// $queryRaw) ran at ~0.15× the throughput of the same SQL on `pg`. Used by credential lookups on
// every API request, the rate limiter and the typed Kysely queries (lib/kysely.ts).
//
// One pool per copy of this module: a second copy (Next's bundle beside the compiled server) only
// opens a second pool. Nothing relies on two copies sharing it, so there is no globalThis here;
// pools dropped by a development hot reload close their idle connections after idleTimeoutMillis.
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// Prisma stores DateTime as UTC `timestamp(3)` (no zone); node-pg would read those as local time.
// Reading them as UTC here means every query on this pool gets the right Date whatever TZ is.
const TIMESTAMP_OID = 1114;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID && format !== "binary"
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

let pool: pg.Pool | undefined;

/** The connection settings of the hot pool, also used by the LISTEN connection (lib/pg-notify). */
export function pgConfig(): pg.ClientConfig {
  return { connectionString: env().DATABASE_URL, types };
}

export function pgPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({
      ...pgConfig(),
      max: Number(process.env.DATABASE_HOT_POOL_SIZE ?? 5),
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process;
    // the pool replaces it on the next query.
    pool.on("error", (err) => logger.warn({ err }, "idle PostgreSQL connection lost"));
  }
  return pool;
}

/** Closes the pool (scripts and benchmarks, before their database goes away). */
export async function closePgPool() {
  const current = pool;
  pool = undefined;
  await current?.end();
}
