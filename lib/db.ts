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

// One client per copy of this module. A second copy (Next's bundle beside the compiled server)
// opens its own pool; nothing depends on them being shared, so there is no globalThis here. A
// client dropped by a development hot reload closes its idle connections on pg's idle timeout.
let instance: Client | undefined;

function client(): Client {
  instance ??= createClient();
  return instance;
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
