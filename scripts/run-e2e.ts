// npm run test:e2e — a fresh database, a production build (npm run build), then Playwright.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { defaultEnsureChromiumDeps, ensureChromium } from "./ensure-chromium";
import { createTestDatabase } from "./test-db";

const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);

async function main(): Promise<number> {
  const choice = ensureChromium(defaultEnsureChromiumDeps());
  if ("error" in choice) {
    console.error(choice.error);
    return 1;
  }
  const chromium = choice.path;
  console.log(`e2e: using ${chromium}`);
  if (!process.env.E2E_SKIP_BUILD) {
    // Next's build and the compiled server and worker (dist/), which the e2e suite runs.
    const build = spawnSync("npm", ["run", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (build.status !== 0) return build.status ?? 1;
  }
  const db = await createTestDatabase("signaldiff_e2e");
  try {
    const res = spawnSync(bin("playwright"), ["test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: db.url, CHROMIUM_PATH: chromium },
    });
    return res.status ?? 1;
  } finally {
    await db.drop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
