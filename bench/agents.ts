// Customer agents: (1) trigger → agent claims the run (the moment the agent can start crawling),
// one agent long-polling over real HTTP, p50/p99 over 100 sequential triggers; (2) 500 idle agents
// long-polling at once (real HTTP connections to the machine app on one server): the server
// process's CPU share and memory growth while they wait.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTestDatabase } from "@/scripts/test-db";

const TRIGGERS = 100;
const IDLE_AGENTS = 500;
// Longer than one poll (25 s), so every agent also re-polls once inside the window.
const IDLE_WINDOW_MS = 30_000;

function percentile(sorted: number[], p: number) {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

export async function benchAgents() {
  const database = await createTestDatabase("signaldiff_bench");
  process.env.DATABASE_URL = database.url;
  process.env.LOG_LEVEL ??= "silent";
  const { db } = await import("@/lib/db");
  const { getRequestListener } = await import("@hono/node-server");
  const { machineApp } = await import("@/lib/machine-api/app");
  const { createPool } = await import("@/lib/credentials/agents/pools");
  const { createEnrollmentToken, exchangeEnrollmentToken } =
    await import("@/lib/credentials/agents/enrollment");
  const { listenForAgentWork } = await import("@/lib/agents/wait-for-work");
  const { waitForListener } = await import("@/lib/pg-notify");
  const { teamWithKey } = await import("@/test/machine-api");
  const server = http.createServer(getRequestListener(machineApp.fetch));
  server.maxConnections = IDLE_AGENTS * 2;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  listenForAgentWork();
  await waitForListener();
  try {
    const t = await teamWithKey("Bench agents");
    const pool = await createPool(t.team.id, { name: "bench" }, { label: "bench" });
    const enroll = async (name: string) => {
      const token = await createEnrollmentToken(t.team.id, pool.id, { label: "bench" });
      const agent = await exchangeEnrollmentToken({ token: token.token, name });
      if (!agent) throw new Error("enroll failed");
      return agent.credential;
    };
    const agent = await enroll("fast");
    const call = (path: string, credential: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${credential}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      }).then((r) => r.json() as Promise<{ run: { run_id: string } | null }>);

    // (1) Trigger → claimed.
    const latencies: number[] = [];
    for (let i = 0; i < TRIGGERS; i++) {
      const polling = call("/api/agents/work?wait=10", agent);
      await new Promise((r) => setTimeout(r, 20)); // the agent is waiting when the trigger comes
      const started = performance.now();
      const res = await fetch(`${base}/api/trigger/ci`, {
        method: "POST",
        headers: { "x-ci-api-key": t.secret, "content-type": "application/json" },
        body: JSON.stringify({
          site_id: t.site.id,
          execution_mode: "agent",
          agent_pool_id: pool.id,
        }),
      });
      if (res.status !== 202) throw new Error(`trigger ${res.status}`);
      const work = await polling;
      latencies.push(performance.now() - started);
      if (!work.run) throw new Error("no work");
      await call(`/api/agents/runs/${work.run.run_id}/finish`, agent, {
        outcome: "failed",
        error: "bench",
      });
    }
    latencies.sort((a, b) => a - b);

    // (2) 500 idle long-polling agents.
    const credentials: string[] = [];
    for (let i = 0; i < IDLE_AGENTS; i++) credentials.push(await enroll(`idle-${i}`));
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const stop = new AbortController();
    const loops = credentials.map(async (cred) => {
      while (!stop.signal.aborted) {
        await fetch(`${base}/api/agents/work?wait=25`, {
          method: "POST",
          headers: { authorization: `Bearer ${cred}` },
          signal: stop.signal,
        })
          .then((r) => r.text())
          .catch(() => undefined);
      }
    });
    await new Promise((r) => setTimeout(r, 3_000)); // every agent is now waiting
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS));
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    const rssAfter = process.memoryUsage().rss;
    stop.abort();
    await Promise.all(loops);
    return {
      triggerToClaim: {
        triggers: TRIGGERS,
        p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
        p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      },
      idleAgents: {
        agents: IDLE_AGENTS,
        windowMs: Math.round(wall),
        // Server and the 500 simulated clients share this process: an upper bound for the server.
        cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / wall) * 1000) / 10,
        rssGrowthMb: Math.round((rssAfter - rssBefore) / 1024 / 102.4) / 10,
      },
    };
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await db.$disconnect();
    await database.drop();
  }
}
