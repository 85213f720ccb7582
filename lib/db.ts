// The one Prisma client. Only lib/ imports it (enforced by ESLint). It is also used by the worker
// and scripts outside Next.js, so it does not import "server-only".
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

function createClient() {
  const adapter = new PrismaPg({
    connectionString: env().DATABASE_URL,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  return new PrismaClient({ adapter });
}

type Client = ReturnType<typeof createClient>;

// One client per process, reused across hot reloads in development.
const globalForDb = globalThis as unknown as { signalDiffDb?: Client };

function client(): Client {
  globalForDb.signalDiffDb ??= createClient();
  return globalForDb.signalDiffDb;
}

// Created on first use, so importing lib/ (e.g. while `next build` collects routes) needs no
// DATABASE_URL.
export const db: Client = new Proxy({} as Client, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c) as unknown;
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(c) : value;
  },
});

export type Db = Client;
export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
