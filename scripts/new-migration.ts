// npm run db:migration:new -- <name> — writes prisma/migrations/<timestamp>_<name>/ with the SQL
// that takes the previous migration's schema to the current one, and a copy of the schema.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { diffSinceLastMigration, migrationsDir } from "./migrations-lib";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration:new -- <snake_case_name>");
  process.exit(2);
}
const { sql, status } = diffSinceLastMigration([]);
if (status !== 0) process.exit(status);
if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
  console.log("The schema has not changed since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
copyFileSync("prisma/schema.prisma", path.join(dir, "schema.prisma"));
writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
console.log(`Wrote ${path.relative(process.cwd(), dir)}`);
