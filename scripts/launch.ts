// npm start / npm run dev — starts Signal Diff. With DATABASE_URL set it is a plain production
// start (migrations are applied first). Without it, it runs on the embedded defaults: embedded
// PostgreSQL, development sign-in, test-mode billing, demo data on first start.
import "dotenv/config";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";
import { billingEnv, parseEnv } from "../lib/env";
import { localSecrets, startEmbeddedPostgres } from "./local-env";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const children: ChildProcess[] = [];
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

async function shutdown(code: number) {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))),
  );
  await stopDb?.();
  process.exit(code);
}

async function main() {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const port = env.PORT ?? "3000";
  let embedded = false;
  if (!env.DATABASE_URL) {
    embedded = true;
    const secrets = localSecrets();
    const db = await startEmbeddedPostgres(secrets.pgPassword);
    stopDb = () => db.pg.stop();
    env.DATABASE_URL = db.url;
    env.APP_URL ??= `http://localhost:${port}`;
    env.AUTH_SECRET ??= secrets.authSecret;
    env.AUTH_DEV_LOGIN ??= "1";
    env.CRAWL_ALLOW_PRIVATE_NETWORKS ??= "1";
    env.STRIPE_WEBHOOK_SECRET ??= secrets.stripeWebhookSecret;
    console.log(`Embedded PostgreSQL is running (data in .data/postgres).`);
  }
  runOrExit(bin("prisma"), ["migrate", "deploy"], env);
  // The run queue's schema (graphile-worker), idempotent like the migrations above.
  await runMigrations({
    connectionString: env.DATABASE_URL,
    logger: new Logger(() => (level, message) => {
      if (level === "error") console.error(`[queue] ${message}`);
    }),
  });
  if (embedded && (await isEmpty(env.DATABASE_URL))) {
    console.log("Empty database: loading the demo team…");
    runOrExit(bin("tsx"), ["prisma/seed.ts"], env);
  }
  if (mode === "start" && !buildIsFresh()) {
    console.log("Building the app (first start, or sources changed since the last build)…");
    runOrExit("npm", ["run", "build"], { ...env, NODE_ENV: "production" });
  }
  // Without Stripe keys, the built-in test-mode Stripe server runs beside the web server.
  if (billingEnv(parseEnv(env))?.mode === "test") {
    const stripe = spawn(bin("tsx"), ["scripts/stripe-test-server.ts"], { stdio: "inherit", env });
    children.push(stripe);
  }
  // Production: the compiled server (server/main.ts → dist/server.mjs; machine API + Next.js).
  const web =
    mode === "start"
      ? spawn(process.execPath, ["dist/server.mjs"], {
          stdio: "inherit",
          env: { ...env, PORT: port, NODE_ENV: "production" },
        })
      : spawn(bin("next"), [mode, "-p", port], { stdio: "inherit", env });
  children.push(web);
  web.on("exit", (code) => void shutdown(code ?? 0));
  if (embedded) {
    // On the embedded defaults one crawl worker runs beside the web server (production runs
    // `npm run worker` processes separately, as many as needed). One node process, so SIGTERM
    // reaches the worker itself and its graceful shutdown runs.
    const workerArgs =
      mode === "start" ? ["dist/worker.mjs"] : ["--import", "tsx", "worker/main.ts"];
    const worker = spawn(process.execPath, workerArgs, {
      stdio: "inherit",
      env,
    });
    children.push(worker);
    worker.on("exit", (code) => {
      if (code) console.error(`The crawl worker exited with code ${code}.`);
    });
  }
  console.log(
    `\nSignal Diff: ${env.APP_URL ?? `http://localhost:${port}`}${embedded ? "  (development sign-in enabled)" : ""}\n`,
  );
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error) => {
  console.error(error);
  void shutdown(1);
});
