import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: [
      "lib/**/*.test.ts",
      "scripts/**/*.test.ts",
      "worker/**/*.test.ts",
      "agent/**/*.test.ts",
      "app/**/*.test.ts",
      "server/**/*.test.ts",
      "tools/**/*.test.ts",
      "prisma/**/*.test.ts",
      "components/**/*.test.ts",
      "cli/**/*.test.ts",
      "github-action/**/*.test.ts",
    ],
    exclude: ["node_modules", "e2e/**", ".next/**"],
    globalSetup: ["./test/global-setup.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Integration tests share one database per run; files run in parallel on 2 cores.
    pool: "forks",
  },
});
