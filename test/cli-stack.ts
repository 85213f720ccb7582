// The whole product for the CLI and GitHub Action tests: a fresh database of its own (so its
// worker never takes other test files' jobs), the machine API served over real HTTP exactly as
// the production server hands it machine paths (@hono/node-server's getRequestListener), a crawl
// worker, and a local website whose content a test can change between runs.
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createTestDatabase } from "@/scripts/test-db";
import { page, startSiteServer, type Route, type SiteServer } from "@/test/site-server";

export type CliResult = { code: number; stdout: string; stderr: string };

export type CliStack = Awaited<ReturnType<typeof startCliStack>>;

/** `signaldiff trigger --json`'s document (documented at /docs/cli#json). */
export type TriggerJson = {
  run_id: string;
  url: string;
  status: string;
  verdict: string;
  exit_code: number;
  counts: Record<string, number> | null;
  changed_pages: { url: string; change: string; title: string | null }[];
  error: string | null;
  run: Record<string, unknown> | null;
};

export const ROOT = path.resolve(import.meta.dirname, "..");

/** Runs a committed bundle (the CLI or the Action's entry) with plain node, as users do. */
export function runNode(
  file: string,
  args: string[],
  env: Record<string, string | undefined>,
  stdin?: string,
): Promise<CliResult> {
  return runProgram(process.execPath, [path.join(ROOT, file), ...args], env, stdin);
}

export function runProgram(
  program: string,
  args: string[],
  env: Record<string, string | undefined>,
  stdin?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: userEnv(env),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? "");
  });
}

export async function startCliStack() {
  const state = { version: 1 };
  const site: SiteServer = await startSiteServer((p): Route | null => {
    if (p === "/robots.txt") return null;
    if (p === "/v/") {
      return page(
        "Versioned home",
        [`Version ${state.version}`],
        ["/v/a", `/v/only-${state.version}`],
      );
    }
    if (p === "/v/a") return page("Stable page", ["Nothing changes here."]);
    if (p.startsWith("/v/only-")) return page(`Only in ${p.slice(8)}`, [p]);
    if (p === "/still/") return page("Still", ["The same every time."], ["/still/b"]);
    if (p === "/still/b") return page("Still B", ["Also the same."]);
    if (p === "/slow/") return { ...page("Slow", ["slow"]), delayMs: 60_000 };
    return null;
  });

  // Requests per "METHOD path" (without query), so a test can count retries.
  const hits = new Map<string, number>();
  let listener: http.RequestListener | null = null;
  const server = http.createServer((req, res) => {
    const key = `${req.method} ${(req.url ?? "").split("?")[0]}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    if (listener) listener(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const database = await createTestDatabase("signaldiff_cli");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    APP_URL: origin,
    CRAWL_ALLOW_PRIVATE_NETWORKS: "1",
    LOG_LEVEL: "silent",
  });
  // Imported only now, so every module reads this file's database and origin.
  const { getRequestListener } = await import("@hono/node-server");
  const { machineApp } = await import("@/lib/machine-api/app");
  const { startWorker } = await import("@/lib/worker/start-worker");
  const { db } = await import("@/lib/db");
  const { admitRun } = await import("@/lib/runs/admit-run");
  const { cancelRun } = await import("@/lib/runs/cancel");
  const { teamWithKey } = await import("@/test/machine-api");
  const { makeSite } = await import("@/test/fixtures");
  listener = getRequestListener(machineApp.fetch);
  const worker = await startWorker({
    workerId: "cli-test",
    concurrency: 4,
    maintenanceIntervalMs: 60_000,
  });

  return {
    origin,
    site,
    state,
    hits,
    db,
    admitRun,
    cancelRun,
    teamWithKey,
    makeSite,
    async stop() {
      await worker.stop();
      await site.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** The environment a user's shell or CI job would have: PATH and the two Signal Diff settings. */
export function userEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "production",
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SIGNALDIFF_POLL_INTERVAL_MS: "150",
    ...extra,
  };
}
