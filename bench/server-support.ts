// What the HTTP benchmarks share: a free port, the production build (rebuilt when stale), waiting
// for a server, and running a benchmark file in a child process that hands back its JSON result.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const ROOT = path.resolve(import.meta.dirname, "..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** True when .next lacks one of `routes`, or it or dist/ is older than the sources. */
function buildIsStale(routes: string[]): boolean {
  const manifest = path.join(ROOT, ".next/server/app-paths-manifest.json");
  const outputs = [".next/BUILD_ID", "dist/server.mjs"].map((o) => path.join(ROOT, o));
  if (!existsSync(manifest) || !outputs.every((o) => existsSync(o))) return true;
  const built = Object.keys(JSON.parse(readFileSync(manifest, "utf8")) as object);
  if (!routes.every((r) => built.includes(r))) return true;
  const builtAt = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  const sources = ["app", "components", "lib", "server", "next.config.ts", "package-lock.json"];
  return sources.some((s) => newestMtime(path.join(ROOT, s)) > builtAt);
}

/** Runs `npm run build` (Next.js and the compiled server) unless the build is current. */
export function ensureBuild(routes: string[] = []) {
  if (!buildIsStale(routes)) return;
  console.log("Building the app (npm run build)…");
  const res = spawnSync("npm", ["run", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (res.status !== 0) throw new Error("npm run build failed");
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(250);
    }
  }
  throw new Error(`${url} did not come up`);
}

/**
 * Runs a benchmark file in a child process and returns the JSON it wrote to the file named by
 * BENCH_RESULT_FILE. A child, because this process (e.g. `npm run bench`) may already hold lib/'s
 * environment and database client for another database.
 */
export async function runInChild<T>(file: string, name: string): Promise<T> {
  const resultFile = path.join(tmpdir(), `signaldiff-${name}-${process.pid}-${Date.now()}.json`);
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), [file], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, BENCH_RESULT_FILE: resultFile },
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`${name} failed (exit ${code})`);
  const result = JSON.parse(readFileSync(resultFile, "utf8")) as T;
  rmSync(resultFile, { force: true });
  return result;
}

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout) || 100;

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process, in bytes (Linux /proc; NaN elsewhere). */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
