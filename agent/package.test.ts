// `npx signaldiff-agent` from an installed package: `npm pack` this repository, unpack the tarball
// the way npm installs it (node_modules/signal-diff plus the node_modules/.bin link named by the
// packed package.json's `bin`) into an empty directory outside the checkout — with none of the
// package's dependencies, no tsx and no build output — then run it through npx: --version, --help,
// and a real enrollment and crawl against the machine app on a real HTTP port. (`npx --no --`: without
// `--`, npm takes the program's own flags after `--no` for its own configuration.) With
// SIGNALDIFF_AGENT_INSTALL_DIR set, the same checks run against a real `npm install` of the tarball.
import { spawn, spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import { createPool } from "@/lib/credentials/agents/pools";
import { machineApp } from "@/lib/machine-api/app";
import { updateSite } from "@/lib/sites/sites";
import { page, startSiteServer, type SiteServer } from "@/test/site-server";
import { teamWithKey } from "@/test/machine-api";

const ROOT = path.resolve(import.meta.dirname, "..");

let tmp = "";
let app = "";
let server: http.Server;
let base = "";
let site: SiteServer;

/** The environment of a user's shell: nothing of this checkout or of the test run leaks in. */
function userEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    npm_config_cache: process.env.npm_config_cache,
  };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env as NodeJS.ProcessEnv;
}

/**
 * A directory where `npm install <tarball of this repository>` was run (with the registry, all
 * dependencies and install scripts): the same checks then run against that real install.
 */
const REAL_INSTALL = process.env.SIGNALDIFF_AGENT_INSTALL_DIR;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "signaldiff-installed-"));
  if (REAL_INSTALL) app = REAL_INSTALL;
  else unpackLikeNpm();

  server = http.createServer(getRequestListener(machineApp.fetch));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = await startSiteServer((p) => {
    if (p === "/") return page("Intranet", ["Only reachable in here"], ["/team"]);
    if (p === "/team") return page("Team", ["Who we are"]);
    return null;
  });
}, 60_000);

function unpackLikeNpm() {
  const packed = spawnSync("npm", ["pack", "--json", "--pack-destination", tmp], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(packed.status, packed.stderr).toBe(0);
  const [tarball] = JSON.parse(packed.stdout) as { filename: string }[];
  if (!tarball) throw new Error(`npm pack wrote no tarball: ${packed.stdout}`);
  const { filename } = tarball;
  app = path.join(tmp, "consumer");
  const pkgDir = path.join(app, "node_modules", "signal-diff");
  mkdirSync(pkgDir, { recursive: true });
  const untar = spawnSync("tar", ["-xzf", path.join(tmp, filename), "-C", pkgDir, "--strip=1"], {
    encoding: "utf8",
  });
  expect(untar.status, untar.stderr).toBe(0);
  writeFileSync(path.join(app, "package.json"), '{ "name": "consumer", "private": true }\n');
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as {
    bin: Record<string, string>;
  };
  mkdirSync(path.join(app, "node_modules", ".bin"));
  for (const [name, file] of Object.entries(pkg.bin))
    symlinkSync(path.join("..", "signal-diff", file), path.join(app, "node_modules", ".bin", name));
}

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await site?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("the installed package", () => {
  it("has the agent's bin without any dependency: --version and --help through npx", () => {
    // Only the packed files: no node_modules of its own, no TypeScript loader, no dist/.
    if (!REAL_INSTALL) {
      const installed = readdirSync(path.join(app, "node_modules"));
      expect(installed.sort()).toEqual([".bin", "signal-diff"]);
    }
    const version = spawnSync("npx", ["--no", "--", "signaldiff-agent", "--version"], {
      cwd: app,
      encoding: "utf8",
      env: userEnv(),
    });
    expect(version.status, version.stderr).toBe(0);
    const { version: packageVersion } = JSON.parse(
      readFileSync(path.join(ROOT, "package.json"), "utf8"),
    ) as { version: string };
    expect(version.stdout.trim()).toBe(packageVersion);
    const help = spawnSync("npx", ["--no", "--", "signaldiff-agent", "--help"], {
      cwd: app,
      encoding: "utf8",
      env: userEnv(),
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--enroll <sce_ token>");
  });

  it("enrolls through npx with a one-time token and crawls a run of its pool", async () => {
    const t = await teamWithKey("Installed agent");
    const pool = await createPool(t.team.id, { name: "installed" }, { label: "test" });
    await updateSite(t.team.id, t.site.id, {
      name: "Intranet",
      startUrl: `${site.url}/`,
      executionMode: "agent",
      agentPoolId: pool.id,
    });
    const issued = await createEnrollmentToken(t.team.id, pool.id, { label: "test" });
    const stateDir = path.join(tmp, "state");
    const child = spawn(
      "npx",
      [
        "--no", // never fetch a package of that name from the registry
        "--",
        "signaldiff-agent",
        "--url",
        base,
        "--enroll",
        issued.token,
        "--state-dir",
        stateDir,
        "--name",
        "installed-1",
        "--log",
        "json",
        "--grace-ms",
        "500",
      ],
      // Its own process group: npx does not pass SIGTERM on to the program it started (a
      // service manager signals the whole group, as systemd does), so the test does the same.
      { cwd: app, env: userEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    const lines: string[] = [];
    for (const s of [child.stdout, child.stderr])
      s.on("data", (d: Buffer) => lines.push(...d.toString().split("\n").filter(Boolean)));
    const exit = new Promise<void>((r) => child.on("exit", () => r()));
    const until = async (what: string, fn: () => Promise<boolean> | boolean, ms = 30_000) => {
      const end = Date.now() + ms;
      while (!(await fn())) {
        if (Date.now() > end)
          throw new Error(`timed out waiting for ${what}:\n${lines.join("\n")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await until("waiting for work", () => lines.some((l) => l.includes("waiting for work")));
      expect(lines.some((l) => l.includes('"msg":"enrolled"'))).toBe(true);
      expect(statSync(path.join(stateDir, "agent.json")).mode & 0o777).toBe(0o600);
      const agent = await db.agent.findFirstOrThrow({
        where: { poolId: pool.id, name: "installed-1" },
      });
      expect(agent.version).toBe(
        (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
          .version,
      );

      const res = await machineApp.fetch(
        new Request("http://localhost/api/trigger/ci", {
          method: "POST",
          headers: { "x-ci-api-key": t.secret, "content-type": "application/json" },
          body: JSON.stringify({
            site_id: t.site.id,
            execution_mode: "agent",
            agent_pool_id: pool.id,
          }),
        }),
      );
      expect(res.status).toBe(202);
      const { run_id } = (await res.json()) as { run_id: string };
      await until("the run to finish", async () => {
        const run = await db.run.findUniqueOrThrow({ where: { id: run_id } });
        return !["queued", "running"].includes(run.status);
      });
      const run = await db.run.findUniqueOrThrow({ where: { id: run_id } });
      expect(run.status).toBe("succeeded");
      expect(run.workerId).toBe(`agent:${agent.id}`);
      expect(run.pagesDone).toBe(2);
    } finally {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    }
    await exit;
    await until("a clean stop", () => lines.some((l) => l.includes('"msg":"stopped"')));
  }, 90_000);
});
