// A throwaway database for a migration test: every migration before `migration` applied in order,
// then the test writes rows in the old layout and applies `migration` itself. Dropped afterwards.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { defaultAdminUrl } from "@/scripts/test-postgres";

const dir = path.join(process.cwd(), "prisma", "migrations");

export const migrationSql = (m: string) => readFileSync(path.join(dir, m, "migration.sql"), "utf8");

async function admin(adminUrl: string, sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Registers the hooks; `db()` is the connected client inside the tests. */
export function databaseBeforeMigration(
  migration: string,
  prefix: string,
): { db: () => pg.Client } {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? defaultAdminUrl();
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
  let client: pg.Client | undefined;
  beforeAll(async () => {
    await admin(adminUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const before = readdirSync(dir)
      .filter((m) => /^\d{14}_/.test(m))
      .sort()
      .filter((m) => m < migration);
    for (const m of before) await client.query(migrationSql(m));
  });
  afterAll(async () => {
    await client?.end();
    await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return {
    db: () => {
      if (!client) throw new Error("the migration test database is not ready");
      return client;
    },
  };
}
