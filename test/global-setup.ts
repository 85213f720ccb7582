// One fresh, migrated PostgreSQL database per Vitest run, dropped afterwards.
import { createTestDatabase } from "../scripts/test-db";

export default async function setup() {
  const db = await createTestDatabase("signaldiff_unit");
  process.env.DATABASE_URL = db.url;
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.LOG_LEVEL ??= "silent";
  return async () => {
    await db.drop();
  };
}
