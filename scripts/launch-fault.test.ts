// Fault test of the real launcher on the embedded default (its own data directory and ports, no
// web server: SIGNALDIFF_LAUNCH_WEB=0 starts PostgreSQL, the worker and the Stripe tool through
// the same supervision and shutdown code). A slow local site keeps a run in flight while we
// SIGTERM the launcher (the run must come back queued and then succeed, never be lost) and while
// we SIGKILL the worker (the launcher restarts it, and the sweeper fails the run with a reason
// within lease + 15 s, with the schedule loop set to 5 minutes so only the sweeper can do it).
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { page, startSiteServer, type SiteServer } from "@/test/site-server";

const LEASE_SECONDS = 3;
let dataDir = "";
let site: SiteServer;
let slowMs = 0;
let launcher: Launcher | null = null;
let env: NodeJS.ProcessEnv = process.env;

type Launcher = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function startLauncher(): Launcher {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, output: () => out, exited };
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false> | T) {
  const until = Date.now() + 60_000;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${launcher?.output()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

function dbUrl() {
  const { pgPassword } = JSON.parse(
    readFileSync(path.join(dataDir, "local-secrets.json"), "utf8"),
  ) as { pgPassword: string };
  return `postgresql://postgres:${encodeURIComponent(pgPassword)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/signaldiff`;
}

/** One query on a fresh connection (the database restarts during the test). */
async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: dbUrl() });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A site on the slow local server and a queued run with its crawl job, as admission writes them. */
async function queueRun(): Promise<string> {
  const [team] = await sql<{ id: string }>(`SELECT id FROM "Team" ORDER BY "createdAt" LIMIT 1`);
  const siteId = `site${randomUUID().replaceAll("-", "")}`.slice(0, 25);
  const runId = `run${randomUUID().replaceAll("-", "")}`.slice(0, 25);
  await sql(
    `INSERT INTO "Site" (id, "teamId", name, "startUrl", "maxPages", "maxDepth", "updatedAt")
     VALUES ($1, $2, 'Slow site', $3, 6, 1, now())`,
    [siteId, team?.id, `${site.url}/`],
  );
  await sql(
    `WITH run AS (INSERT INTO "Run" (id, "teamId", "siteId", source, "updatedAt")
                  VALUES ($1, $2, $3, 'manual', now()) RETURNING id)
     SELECT graphile_worker.add_job('crawl_run', json_build_object('runId', (SELECT id FROM run)),
       max_attempts := 1, job_key := 'run:' || $1)`,
    [runId, team?.id, siteId],
  );
  return runId;
}

const runRow = async (id: string) =>
  (
    await sql<{ status: string; error: string | null }>(
      `SELECT status, error FROM "Run" WHERE id = $1`,
      [id],
    )
  )[0];

const workerPids = () =>
  [...(launcher?.output() ?? "").matchAll(/\[launcher\] worker started \(pid (\d+)\)/g)].map((m) =>
    Number(m[1]),
  );

async function started() {
  launcher = startLauncher();
  await waitFor("the worker", () => launcher?.output().includes('"msg":"worker started"'));
}

async function stopLauncher(signal: NodeJS.Signals) {
  const l = launcher;
  if (!l) return null;
  l.child.kill(signal);
  const code = await l.exited;
  launcher = null;
  return { code, output: l.output() };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "signaldiff-launch-"));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root.
  site = await startSiteServer((p) => {
    if (p === "/robots.txt") return null;
    if (p === "/")
      return page(
        "Home",
        ["Home"],
        [1, 2, 3, 4, 5].map((i) => `/p${i}`),
      );
    return { ...page(`Page ${p}`, [p]), delayMs: slowMs };
  });
  env = {
    ...process.env,
    DATABASE_URL: "", // set but empty: the embedded default, and .env cannot fill it in
    SIGNALDIFF_DATA_DIR: dataDir,
    SIGNALDIFF_LAUNCH_WEB: "0",
    EMBEDDED_PG_PORT: String(await freePort()),
    STRIPE_TEST_MODE_PORT: String(await freePort()),
    STRIPE_TEST_MODE_DATA: path.join(dataDir, "stripe-test-mode.json"), // the Stripe tool's store
    PORT: "4700",
    APP_URL: "http://localhost:4700",
    RUN_LEASE_SECONDS: String(LEASE_SECONDS),
    CRAWL_CONCURRENCY: "1",
    WORKER_SHUTDOWN_GRACE_MS: "300",
    WORKER_SCHEDULER_INTERVAL_MS: "300000",
    LOG_LEVEL: "info",
  };
}, 60_000);

afterAll(async () => {
  launcher?.child.kill("SIGKILL");
  // A launcher killed outright leaves PostgreSQL (its own process group) running: stop it.
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, "utf8").split("\n")[0]), "SIGINT");
      await waitFor("PostgreSQL to stop", () => !existsSync(pidFile));
    } catch {
      // already gone
    }
  }
  await site?.close();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("the launcher under faults (embedded PostgreSQL, real worker)", () => {
  it("SIGTERM mid-run stops the worker before the database; after a restart the run succeeds", async () => {
    await started();
    slowMs = 1500;
    const runId = await queueRun();
    await waitFor("the run to start", async () => (await runRow(runId))?.status === "running");

    const stopped = await stopLauncher("SIGTERM");
    expect(stopped?.code).toBe(0);
    const out = stopped?.output ?? "";
    const workerStopped = out.indexOf("[launcher] worker stopped");
    expect(workerStopped).toBeGreaterThan(-1);
    expect(out.indexOf("[launcher] database stopped")).toBeGreaterThan(workerStopped);
    expect(out).toContain("stripe stopped");

    slowMs = 50;
    await started();
    expect((await runRow(runId))?.status).not.toBe("failed");
    await waitFor("the run to succeed", async () => (await runRow(runId))?.status === "succeeded");
    const logs = await sql<{ message: string }>(
      `SELECT message FROM "RunLog" WHERE "runId" = $1 ORDER BY "createdAt"`,
      [runId],
    );
    expect(logs.map((l) => l.message)).toContain("Worker shutting down: run re-queued");
  }, 120_000);

  it("a SIGKILLed worker is restarted and its run failed with a reason within lease + 15 s", async () => {
    expect(launcher).not.toBeNull();
    slowMs = 4000;
    const runId = await queueRun();
    await waitFor("the run to start", async () => (await runRow(runId))?.status === "running");
    const [pid] = workerPids().slice(-1);
    process.kill(pid ?? 0, "SIGKILL");
    const killedAt = Date.now();

    await waitFor("a restart", () => workerPids().length >= 2);
    expect(launcher?.output()).toMatch(
      new RegExp(`worker \\(pid ${pid}\\) exited with SIGKILL; restarting in 1 s`),
    );
    const failed = await waitFor("the run to fail", async () => {
      const row = await runRow(runId);
      return row?.status === "failed" ? row : null;
    });
    expect(Date.now() - killedAt).toBeLessThan((LEASE_SECONDS + 15) * 1000);
    expect(failed.error).toMatch(/stopped responding/);

    const stopped = await stopLauncher("SIGTERM");
    expect(stopped?.code).toBe(0);
    expect(existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  }, 120_000);
});
