// Run by scripts/test-all.test.ts through the test runner: proves the suite's database was
// created and migrated on the runner's own embedded server, not on some other PostgreSQL.
import pg from "pg";
import { expect, test } from "vitest";

test("the suite's database is migrated and lives on the runner's embedded PostgreSQL", async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const dir = await client.query<{ data_directory: string }>("SHOW data_directory");
    expect(process.env.TEST_PG_EMBEDDED_DATA_DIR).toBeTruthy();
    expect(dir.rows[0]?.data_directory).toBe(process.env.TEST_PG_EMBEDDED_DATA_DIR);
    const migrations = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`,
    );
    expect(migrations.rows[0]?.n).toBeGreaterThan(0);
    const queue = await client.query(
      `SELECT 1 FROM information_schema.schemata WHERE schema_name = 'graphile_worker'`,
    );
    expect(queue.rowCount).toBe(1);
  } finally {
    await client.end();
  }
});
