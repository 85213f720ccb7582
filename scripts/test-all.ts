// npm test — every check, in order: format, lint, typecheck, migrations in step with the schema,
// unit and integration tests (Vitest, real PostgreSQL), then end-to-end tests (Playwright, Chromium).
import { spawnSync } from "node:child_process";

const steps: [string, string[]][] = [
  ["format", ["run", "format:check"]],
  ["lint", ["run", "lint"]],
  ["typecheck", ["run", "typecheck"]],
  ["migrations", ["run", "db:migration:check"]],
  ["unit and integration", ["run", "test:unit"]],
  ["end-to-end", ["run", "test:e2e"]],
];

const started = Date.now();
for (const [name, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}`);
  const res = spawnSync("npm", args, { stdio: "inherit" });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (res.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds}s`);
    process.exit(res.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)}s.`);
