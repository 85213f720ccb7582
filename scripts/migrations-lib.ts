// Shared helpers for the migration scripts. `prisma migrate dev` cannot run on these machines (its
// schema inspection needs a native engine), so migrations are made with `prisma migrate diff`
// between the schema copy kept beside the newest migration and the current schema.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const prismaBin = path.join(process.cwd(), "node_modules", ".bin", "prisma");

export const migrationsDir = path.join(process.cwd(), "prisma", "migrations");

/** The schema copy beside the newest migration, or null when there is no migration yet. */
export function latestSchemaCopy(): string | null {
  if (!existsSync(migrationsDir)) return null;
  const dirs = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const dir of dirs.reverse()) {
    const copy = path.join(migrationsDir, dir, "schema.prisma");
    if (existsSync(copy)) return copy;
  }
  return null;
}

/** Runs `prisma migrate diff` from the last migrated schema to prisma/schema.prisma. */
export function diffSinceLastMigration(extraArgs: string[]): { sql: string; status: number } {
  const from = latestSchemaCopy();
  const args = [
    "prisma",
    "migrate",
    "diff",
    ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
    ...extraArgs,
  ];
  try {
    // Diffing two schema files still opens the driver adapter, so it needs some PostgreSQL to talk
    // to; the local server is used when DATABASE_URL is unset. Nothing is written to it.
    const env = {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    };
    const sql = execFileSync(prismaBin, args.slice(1), {
      encoding: "utf8",
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    return { sql, status: 0 };
  } catch (error) {
    const e = error as { status?: number; stdout?: string };
    return { sql: e.stdout ?? "", status: e.status ?? 1 };
  }
}
