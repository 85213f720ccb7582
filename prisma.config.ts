// Prisma CLI configuration. The CLI runs on WebAssembly engines only: these machines cannot
// download Prisma's native engines, so every CLI command (generate, migrate deploy, migrate diff)
// must go through a JavaScript driver adapter.
import "dotenv/config";
import { defineConfig } from "prisma/config";
// The CLI uses @prisma/adapter-pg 7.x (an npm alias): 6.19.3's adapter cannot read PostgreSQL's
// `name` column type that the migrations table queries return (prisma/orm#27403). The runtime keeps
// 6.19.3, because 7.x with client 6.19.3 fails on `bytea` in raw queries.
import { PrismaPg } from "prisma-migrate-adapter-pg";
import { parseIntoClientConfig } from "pg-connection-string";

const url = process.env.DATABASE_URL;
// `prisma generate` must be able to resolve env("DATABASE_URL") or it silently falls back to the
// native engine and tries a download. The fallback is never connected to.
process.env.DATABASE_URL ??= "postgresql://unset@127.0.0.1:1/unset";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/dev/null";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  async adapter() {
    if (!url) throw new Error("DATABASE_URL is not set");
    // Discrete fields rather than connectionString: otherwise shadow databases land on the main
    // database. allowExitOnIdle + a short idle timeout stop the CLI from waiting ~10 s on exit.
    return new PrismaPg({
      ...parseIntoClientConfig(url),
      allowExitOnIdle: true,
      idleTimeoutMillis: 500,
    });
  },
});
