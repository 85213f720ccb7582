// The real agent program end to end: a child process started through the package's bin entry
// (bin/signaldiff-agent.mjs, tsx — no build), the machine app on a real HTTP port, a local
// website on 127.0.0.1 (a private address the agent may reach), real PostgreSQL. Enroll once
// (state file 0600, credential never logged), runs through the agent with server-side diffs,
// metadata addresses refused, SIGTERM exits cleanly, SIGKILL mid-run → failed by the lease.
process.env.RUN_LEASE_SECONDS = "3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { getRequestListener } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimAgentRun } from "@/lib/agents/work";
import { authenticateAgent } from "@/lib/credentials/agents/agents";
import { createEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import { createPool } from "@/lib/credentials/agents/pools";
import { machineApp } from "@/lib/machine-api/app";
import { reapExpiredLeases } from "@/lib/runs/lease";
import { updateSite } from "@/lib/sites/sites";
import { page, startSiteServer, type SiteServer } from "@/test/site-server";
import { teamWithKey } from "@/test/machine-api";

const ROOT = path.resolve(import.meta.dirname, "..");
let server: http.Server;
let base = "";
let site: SiteServer;
let version = 1;
let slow = false;

beforeAll(async () => {
  server = http.createServer(getRequestListener(machineApp.fetch));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = await startSiteServer((p) => {
    if (p === "/") return page("Home", [`Version ${version}`], ["/a", "/b"]);
    if (p === "/a") return page("A", ["About us"]);
    if (p === "/b") return { ...page("B", [`Prices v${version}`]), delayMs: slow ? 20_000 : 0 };
    return null;
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await site.close();
});

type Agent = { child: ChildProcess; lines: string[]; exit: Promise<number | null> };

function startAgentProcess(args: string[]): Agent {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/signaldiff-agent.mjs"), ...args], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const s of [child.stdout, child.stderr])
    s?.on("data", (d: Buffer) => lines.push(...d.toString().split("\n").filter(Boolean)));
  const exit = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  return { child, lines, exit };
}

async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  ms = 30_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function trigger(secret: string, siteId: string, poolId: string) {
  const res = await machineApp.fetch(
    new Request("http://localhost/api/trigger/ci", {
      method: "POST",
      headers: { "x-ci-api-key": secret, "content-type": "application/json" },
      body: JSON.stringify({ site_id: siteId, execution_mode: "agent", agent_pool_id: poolId }),
    }),
  );
  expect(res.status).toBe(202);
  return ((await res.json()) as { run_id: string }).run_id;
}

const finished = (runId: string) =>
  until(`run ${runId}`, async () => {
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    return ["queued", "running"].includes(run.status) ? null : run;
  });

describe("the agent program", () => {
  it("enrolls once, crawls a private site for its pool with server-side diffs, refuses metadata, stops cleanly", async () => {
    const t = await teamWithKey("Agent program");
    const pool = await createPool(t.team.id, { name: "lab" }, { label: "test" });
    await updateSite(t.team.id, t.site.id, {
      name: "Lab",
      startUrl: `${site.url}/`,
      executionMode: "agent",
      agentPoolId: pool.id,
    });
    const issued = await createEnrollmentToken(t.team.id, pool.id, { label: "test" });
    const stateDir = mkdtempSync(path.join(os.tmpdir(), "signaldiff-agent-"));
    const args = [
      "--url",
      base,
      "--enroll",
      issued.token,
      "--state-dir",
      stateDir,
      "--log",
      "json",
      "--name",
      "lab-1",
      "--grace-ms",
      "500",
    ];
    try {
      let agent = startAgentProcess(args);
      await until("waiting line", async () =>
        agent.lines.some((l) => l.includes("waiting for work")),
      );
      const stateFile = path.join(stateDir, "agent.json");
      expect(statSync(stateFile).mode & 0o777).toBe(0o600);
      const state = JSON.parse(readFileSync(stateFile, "utf8")) as { credential: string };
      expect(state.credential).toMatch(/^sca_/);
      expect(agent.lines.join("\n")).not.toContain(state.credential);
      expect(agent.lines.join("\n")).not.toContain(issued.token);

      const first = await finished(await trigger(t.secret, t.site.id, pool.id));
      expect(first.status).toBe("succeeded");
      expect(first.workerId).toMatch(/^agent:/);
      expect(first.pagesDone).toBe(3);

      // Restarting with the same (already used) token reuses the state: no second enrollment.
      agent.child.kill("SIGTERM");
      expect(await agent.exit).toBe(0);
      agent = startAgentProcess(args);
      await until("waiting again", async () =>
        agent.lines.some((l) => l.includes("waiting for work")),
      );
      expect(agent.lines.join("\n")).not.toContain('"msg":"enrolled"');

      version = 2;
      const second = await finished(await trigger(t.secret, t.site.id, pool.id));
      expect(second.status).toBe("succeeded");
      expect(second.pagesChanged).toBe(2);
      const diffs = await db.runPage.findMany({ where: { runId: second.id, change: "changed" } });
      expect(diffs.map((d) => d.diff).join("\n")).toContain("+Version 2");

      // Cloud-metadata addresses stay refused for agent crawls.
      await updateSite(t.team.id, t.site.id, {
        name: "Lab",
        startUrl: "http://169.254.169.254/latest/meta-data/",
        executionMode: "agent",
        agentPoolId: pool.id,
      });
      const meta = await finished(await trigger(t.secret, t.site.id, pool.id));
      expect(meta.status).toBe("failed");
      expect(meta.error).toMatch(/cloud-metadata/);

      // SIGTERM mid-run: the run gets --grace-ms (500 ms here) to finish, then goes back to the
      // queue and the agent exits 0; a restarted agent takes it again.
      await updateSite(t.team.id, t.site.id, {
        name: "Lab",
        startUrl: `${site.url}/`,
        executionMode: "agent",
        agentPoolId: pool.id,
      });
      slow = true;
      const doomed = await trigger(t.secret, t.site.id, pool.id);
      const running = async () =>
        (await db.run.findUniqueOrThrow({ where: { id: doomed } })).status === "running";
      await until("running", running);
      // The agent holds the run (its poll answer arrived) before it is told to stop.
      await until("claimed", async () => agent.lines.some((l) => l.includes(doomed)));
      agent.child.kill("SIGTERM");
      expect(await agent.exit).toBe(0);
      expect((await db.run.findUniqueOrThrow({ where: { id: doomed } })).status).toBe("queued");
      // SIGTERM while a claim is in flight: the server claimed the run for this agent but the
      // poll's answer never reached it (cut by the stop). The stopping agent hands back what it
      // holds at once — the run does not wait for its lease.
      const authed = await authenticateAgent(state.credential);
      if (!authed) throw new Error("agent credential refused");
      expect((await claimAgentRun(authed))?.run_id).toBe(doomed);
      await db.run.update({
        where: { id: doomed },
        data: { leaseExpiresAt: new Date(Date.now() + 600_000) },
      });
      agent = startAgentProcess(args);
      await until("waiting with a lost claim", async () =>
        agent.lines.some((l) => l.includes("waiting for work")),
      );
      expect((await db.run.findUniqueOrThrow({ where: { id: doomed } })).status).toBe("running");
      agent.child.kill("SIGTERM");
      expect(await agent.exit).toBe(0);
      expect((await db.run.findUniqueOrThrow({ where: { id: doomed } })).status).toBe("queued");
      expect(agent.lines.join("\n")).toContain("returned runs claimed as the agent stopped");
      agent = startAgentProcess(args);
      await until("running again", running);
      // Only once the agent holds the run: killed while the poll's answer is still being written,
      // the server hands the run back to the queue at once (tested in lib/agents) — no lease.
      await until("claimed again", async () => agent.lines.some((l) => l.includes(doomed)));

      // Killed mid-run: the lease (3 s here) lapses and the run fails with a reason.
      agent.child.kill("SIGKILL");
      const killedAt = Date.now();
      const failed = await until("reaped", async () => {
        await reapExpiredLeases();
        const run = await db.run.findUniqueOrThrow({ where: { id: doomed } });
        return run.status === "failed" ? run : null;
      });
      expect(Date.now() - killedAt).toBeLessThan(3_000 + 15_000);
      expect(failed.error).toMatch(/agent running this crawl stopped responding/);
    } finally {
      slow = false;
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
