// npm start / npm run dev — starts Signal Diff. With DATABASE_URL set it is a plain production
// start (migrations are applied first). Without it, it runs on the embedded defaults: embedded
// PostgreSQL, development sign-in, the Stripe test tool for billing, demo data on first start.
//
// Stopping (SIGTERM/SIGINT to the launcher or its group) stops the children in order — web, the
// worker (which re-queues the runs it cannot finish), helpers — and the database last. The worker
// is restarted with backoff if it dies, and every child dies with the launcher (scripts/supervise.ts).
// SIGNALDIFF_LAUNCH_WEB=0 starts only the database, the worker and helpers (no build, no web
// server): the fault test uses it; SIGNALDIFF_DATA_DIR and EMBEDDED_PG_PORT move the embedded data.
import "dotenv/config";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";
import { billingEnv, parseEnv } from "../lib/env";
import { spawnStripeTool } from "../tools/stripe-test-mode/spawn";
import { DATA_DIR, localSecrets, startEmbeddedPostgres } from "./local-env";
import { childOptions, isStopping, stopAll, supervise, track, watchOwnParent } from "./supervise";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const launchWeb = process.env.SIGNALDIFF_LAUNCH_WEB !== "0";
let stopDb: (() => Promise<void>) | undefined;

function runOrExit(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const res = spawnSync(cmd, args, { stdio: "inherit", env });
  if (res.status !== 0) {
    console.error(`\n${path.basename(cmd)} ${args.join(" ")} failed.`);
    void shutdown(res.status ?? 1);
  }
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** A production build (Next's and the compiled server and worker) is newer than every source. */
function buildIsFresh(): boolean {
  const outputs = [path.join(".next", "BUILD_ID"), "dist/server.mjs", "dist/worker.mjs"];
  if (!outputs.every((o) => existsSync(o))) return false;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  const sources = [
    "server",
    "worker",
    "app",
    "components",
    "lib",
    "public",
    "next.config.ts",
    "package-lock.json",
    "instrumentation.ts",
    "proxy.ts",
  ];
  return sources.every((s) => newestMtime(s) <= built);
}

async function isEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM "Team"');
    return rows[0]?.n === "0";
  } finally {
    await client.end();
  }
}

let exiting: Promise<void> | null = null;
function shutdown(code: number) {
  exiting ??= (async () => {
    const graceMs = Number(process.env.WORKER_SHUTDOWN_GRACE_MS ?? 10_000);
    await stopAll({ web: 15_000, worker: graceMs + 20_000, stripe: 5_000 });
    await stopDb?.();
    if (stopDb) console.error("[launcher] database stopped");
    process.exit(code);
  })();
  return exiting;
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const port = env.PORT ?? "3000";
  let embedded = false;
  if (!env.DATABASE_URL) {
    embedded = true;
    const secrets = localSecrets();
    const db = await startEmbeddedPostgres(secrets.pgPassword).catch((error: unknown) => {
      throw new Error(
        `Embedded PostgreSQL could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    stopDb = db.stop;
    // A stop requested while the database was starting: nothing else is started.
    if (isStopping() || exiting) return;
    env.DATABASE_URL = db.url;
    env.APP_URL ??= `http://localhost:${port}`;
    env.AUTH_SECRET ??= secrets.authSecret;
    env.AUTH_DEV_LOGIN ??= "1";
    env.CRAWL_ALLOW_PRIVATE_NETWORKS ??= "1";
    env.STRIPE_WEBHOOK_SECRET ??= secrets.stripeWebhookSecret;
    console.log(`Embedded PostgreSQL is running (data in ${path.join(DATA_DIR, "postgres")}).`);
  }
  runOrExit(bin("prisma"), ["migrate", "deploy"], env);
  // The run queue's schema (graphile-worker), idempotent like the migrations above.
  await runMigrations({
    connectionString: env.DATABASE_URL,
    logger: new Logger(() => (level, message) => {
      if (level === "error") console.error(`[queue] ${message}`);
    }),
  });
  // Without Stripe keys the app's Stripe SDK talks to the Stripe test tool (a development program,
  // tools/stripe-test-mode), started here before the demo seed creates billing history in it.
  const billing = billingEnv(parseEnv(env));
  if (billing?.mode === "test") {
    const stripeEnv = {
      ...env,
      STRIPE_TEST_MODE_DATA:
        env.STRIPE_TEST_MODE_DATA ?? path.join(DATA_DIR, "stripe-test-mode.json"),
    };
    track("stripe", await spawnStripeTool(stripeEnv, billing, childOptions(stripeEnv)));
  }
  if (embedded && (await isEmpty(env.DATABASE_URL))) {
    console.log("Empty database: loading the demo team…");
    runOrExit(bin("tsx"), ["prisma/seed.ts"], env);
  }
  if (launchWeb && mode === "start" && !buildIsFresh()) {
    console.log("Building the app (first start, or sources changed since the last build)…");
    runOrExit("npm", ["run", "build"], { ...env, NODE_ENV: "production" });
  }
  // Production: the compiled server (server/main.ts → dist/server.mjs; machine API + Next.js).
  const startWeb = () =>
    mode === "start"
      ? spawn(
          process.execPath,
          ["dist/server.mjs"],
          childOptions({ ...env, PORT: port, NODE_ENV: "production" }),
        )
      : spawn(bin("next"), [mode, "-p", port], childOptions(env));
  if (launchWeb) {
    const web = track("web", startWeb());
    // The web server is the product: when it ends, everything ends (in order).
    web.on("exit", (code) => void shutdown(code ?? 0));
  }
  if (embedded) {
    // On the embedded defaults one crawl worker runs beside the web server (production runs
    // `npm run worker` processes separately, as many as needed). One node process, so SIGTERM
    // reaches the worker itself and its graceful shutdown runs. If it dies it is restarted.
    // The compiled worker when this start built the app; otherwise (dev, or no web) its source.
    const workerArgs =
      launchWeb && mode === "start" ? ["dist/worker.mjs"] : ["--import", "tsx", "worker/main.ts"];
    const startWorker = () => spawn(process.execPath, workerArgs, childOptions(env));
    supervise("worker", startWorker);
  }
  console.log(
    `\nSignal Diff: ${env.APP_URL ?? `http://localhost:${port}`}${embedded ? "  (development sign-in enabled)" : ""}\n`,
  );
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));
watchOwnParent(() => void shutdown(1));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  void shutdown(1);
});
