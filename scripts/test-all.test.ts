// `npm test` on a machine without PostgreSQL: the runner (scripts/test-all.ts) is started with its
// probe pointed at a port where nothing listens, so it takes the embedded path for real. Each
// test checks that afterwards no postgres process, data directory or listening port remains.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, test, type ExpectStatic } from "vitest";
import { freePort, isListening } from "./test-postgres";

const root = path.resolve(import.meta.dirname, "..");

type Run = {
  code: Promise<number | null>;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  signal: (s: NodeJS.Signals) => void;
};

async function startRunner(command: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    // Neither the outer run's database nor Vitest's worker variables leak into the runner.
    if (key.startsWith("VITEST") || key.startsWith("TEST_") || key === "DATABASE_URL")
      delete env[key];
  }
  env.TEST_PG_PORT = String(await freePort()); // nothing listens there: "no PostgreSQL"
  Object.assign(env, extraEnv);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/test-all.ts", "--", ...command],
    { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const code = new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
  return {
    code,
    output: () => output,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void code.then(() => reject(new Error(`runner exited before ${pattern}:\n${output}`)));
      }),
    signal: (s) => child.kill(s),
  };
}

const EMBEDDED_LINE = /Test PostgreSQL: embedded, 127\.0\.0\.1:(\d+) \(pid (\d+), data in (\S+)\)/;

async function embeddedServer(run: Run) {
  const [, port, pid, dataDir] = await run.waitFor(EMBEDDED_LINE);
  return { port: Number(port), pid: Number(pid), dataDir: dataDir ?? "" };
}

/** Running, and not merely a zombie waiting for its new parent to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Every process whose command line mentions `needle` (postgres runs with `-D <data dir>`). */
function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (cmdline.includes(needle)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

async function expectNothingLeft(
  expect: ExpectStatic,
  server: { port: number; pid: number; dataDir: string },
) {
  expect(server.dataDir).toMatch(/signaldiff-test-pg-/);
  expect(alive(server.pid), `postgres ${server.pid} still running`).toBe(false);
  expect(processesMentioning(server.dataDir)).toEqual([]);
  expect(existsSync(server.dataDir), `${server.dataDir} still exists`).toBe(false);
  expect(await isListening("127.0.0.1", server.port, 500)).toBe(false);
}

// Concurrent: each run is mostly waiting (initdb, migrations), and they use separate servers.
describe.concurrent("npm test without PostgreSQL (embedded path of scripts/test-all.ts)", () => {
  test("runs a suite on its own embedded PostgreSQL, then stops it and removes its data", async ({
    expect,
  }) => {
    const run = await startRunner([
      path.join(root, "node_modules", ".bin", "vitest"),
      "run",
      "--config",
      "test/embedded-db/vitest.config.mts",
    ]);
    const server = await embeddedServer(run);
    expect(await run.code, run.output()).toBe(0);
    expect(run.output()).toMatch(/1 passed/);
    await expectNothingLeft(expect, server);
  }, 120_000);

  test("a failing step keeps its exit code and still takes the server down", async ({ expect }) => {
    const run = await startRunner([process.execPath, "-e", "process.exit(3)"]);
    const server = await embeddedServer(run);
    expect(await run.code, run.output()).toBe(3);
    await expectNothingLeft(expect, server);
  }, 60_000);

  test("SIGINT mid-step ends the step and the server, exit code 130", async ({ expect }) => {
    const run = await startRunner([
      process.execPath,
      "-e",
      "console.log('step pid', process.pid); setInterval(() => {}, 1000)",
    ]);
    const server = await embeddedServer(run);
    const [, stepPid] = await run.waitFor(/step pid (\d+)/);
    run.signal("SIGINT");
    expect(await run.code, run.output()).toBe(130);
    expect(alive(Number(stepPid))).toBe(false);
    await expectNothingLeft(expect, server);
  }, 60_000);

  test("SIGTERM: a step tree that ignores it is killed after the grace period, exit code 143", async ({
    expect,
  }) => {
    // The step ignores SIGTERM and leaves a grandchild: the whole process group must go.
    const step = [
      "const { spawn } = require('node:child_process');",
      "process.on('SIGTERM', () => {});",
      "const g = spawn(process.execPath, ['-e', 'process.on(\"SIGTERM\", () => {}); setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
      "console.log('step pid', process.pid, 'grandchild', g.pid); setInterval(() => {}, 1000)",
    ].join("\n");
    const run = await startRunner([process.execPath, "-e", step], { TEST_RUNNER_GRACE_MS: "500" });
    const server = await embeddedServer(run);
    const [, stepPid, grandchildPid] = await run.waitFor(/step pid (\d+) grandchild (\d+)/);
    run.signal("SIGTERM");
    expect(await run.code, run.output()).toBe(143);
    expect(alive(Number(stepPid))).toBe(false);
    expect(alive(Number(grandchildPid))).toBe(false);
    await expectNothingLeft(expect, server);
  }, 60_000);
});
