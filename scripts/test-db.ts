// Fresh PostgreSQL databases for test runs: created, migrated once, dropped at the end. Tests
// refuse to touch anything but a local server.
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";
import { defaultAdminUrl } from "./test-postgres";

// `npm test` (scripts/test-all.ts) sets TEST_DATABASE_ADMIN_URL when it started its own server.
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? defaultAdminUrl();

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]", ""].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  assertLocal(ADMIN_URL);
  const client = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach PostgreSQL at ${new URL(ADMIN_URL).host} (${(error as Error).message}). ` +
        "Run the tests through `npm test` (it starts an embedded PostgreSQL when none is running; " +
        "`npm test -- <command>` runs a single command that way), start your server, or set TEST_DATABASE_ADMIN_URL.",
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const dbUrl = url.toString();
  const res = spawnSync(
    path.join(process.cwd(), "node_modules", ".bin", "prisma"),
    ["migrate", "deploy"],
    {
      env: { ...process.env, DATABASE_URL: dbUrl },
      encoding: "utf8",
    },
  );
  if (res.status !== 0) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    throw new Error(`prisma migrate deploy failed:\n${res.stdout}\n${res.stderr}`);
  }
  // The job queue's own schema (graphile-worker), installed the same way launch does.
  await runMigrations({ connectionString: dbUrl, logger: silentQueueLogger() });
  return {
    url: dbUrl,
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

function silentQueueLogger() {
  return new Logger(() => (level, message) => {
    if (level === "error") console.error(`[queue] ${message}`);
  });
}
