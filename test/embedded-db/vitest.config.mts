// The tiny suite scripts/test-all.test.ts runs through `npm test`'s runner on an embedded
// PostgreSQL: the same global setup as the real suite (fresh database, migrations, queue schema).
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  root,
  resolve: { alias: { "@": root } },
  test: {
    include: ["test/embedded-db/*.suite.ts"],
    globalSetup: ["./test/global-setup.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
