// Customer agents. The server is the machine app in a process of its own (bench/machine-server.ts,
// handed requests as the production server hands it machine paths), so its CPU time and memory
// are read from /proc for that process alone; load generators, the site and the fixtures live in
// this process, the real agent and the cloud worker in processes of their own.
//   (1) trigger → agent claims the run (the moment the agent can start crawling): one agent
//       long-polling over HTTP, p50/p99 over 100 sequential triggers;
//   (2) 500 idle agents long-polling at once (simulated: real HTTP connections from this process):
//       the server process's CPU over a window in which every agent also re-polls once (and a
//       second such window), its RSS before/after (after a full GC, and as is) and once they left;
//   (3) a 500-page local site crawled through a real agent process (the committed
//       bin/signaldiff-agent.mjs) vs through the cloud worker (worker/main.ts), trigger → succeeded,
//       alternating rounds on the same site; the ratio is cloud time / agent time (target ≥ 0.8).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase } from "@/scripts/test-db";
import { startSiteServer, treeSite } from "@/test/site-server";
import { cpuMs, ROOT, rssBytes, runInChild } from "./server-support";

const TRIGGERS = 100;
const IDLE_AGENTS = 500;
// Longer than one poll (25 s), so every agent also re-polls once inside the window.
const IDLE_WINDOW_MS = 30_000;
const BASELINE_WINDOW_MS = 10_000;
const CRAWL_PAGES = 500;
const CRAWL_ROUNDS = Number(process.env.AGENT_CRAWL_ROUNDS ?? 3);
// AGENT_BENCH_PARTS=claim,idle,crawl (default all) runs only those parts.
const PARTS = new Set((process.env.AGENT_BENCH_PARTS ?? "claim,idle,crawl").split(","));

function percentile(sorted: number[], p: number) {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? 0;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mb = (bytes: number) => round1(bytes / 1024 / 1024);
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Proc = { child: ChildProcess; lines: string[] };

function startProcess(args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  for (const s of [child.stdout, child.stderr])
    s?.on("data", (d: Buffer) => lines.push(...d.toString().split("\n").filter(Boolean)));
  return { child, lines };
}

async function waitForLine(p: Proc, re: RegExp, ms = 60_000): Promise<RegExpExecArray> {
  const end = Date.now() + ms;
  for (;;) {
    for (const l of p.lines) {
      const m = re.exec(l);
      if (m) return m;
    }
    if (p.child.exitCode !== null) throw new Error(`process exited:\n${p.lines.join("\n")}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${re}:\n${p.lines.join("\n")}`);
    await sleep(50);
  }
}

async function stopProcess(p: Proc) {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  if (p.child.exitCode === null) p.child.kill("SIGKILL");
}

async function benchAgentsInProcess() {
  const database = await createTestDatabase("signaldiff_bench");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    CRAWL_ALLOW_PRIVATE_NETWORKS: "1",
  });
  const childEnv = { ...process.env };
  const { db } = await import("@/lib/db");
  const { createPool } = await import("@/lib/credentials/agents/pools");
  const { createEnrollmentToken, exchangeEnrollmentToken } =
    await import("@/lib/credentials/agents/enrollment");
  const { teamWithKey } = await import("@/test/machine-api");
  const { makeSite } = await import("@/test/fixtures");

  const server = startProcess(["--expose-gc", "--import", "tsx", "bench/machine-server.ts"], {
    ...childEnv,
    PORT: "0",
  });
  const procs: Proc[] = [server];
  const stateDir = mkdtempSync(path.join(tmpdir(), "signaldiff-bench-agent-"));
  try {
    const [, port] = await waitForLine(server, /^ready (\d+)$/);
    const base = `http://127.0.0.1:${port}`;
    const pid = server.child.pid ?? 0;
    const gcRss = async () =>
      ((await (await fetch(`${base}/__bench/gc`, { method: "POST" })).json()) as { rss: number })
        .rss;

    const t = await teamWithKey("Bench agents");
    const pool = await createPool(t.team.id, { name: "bench" }, { label: "bench" });
    const token = async () =>
      (await createEnrollmentToken(t.team.id, pool.id, { label: "bench" })).token;
    const enroll = async (name: string) => {
      const agent = await exchangeEnrollmentToken({ token: await token(), name });
      if (!agent) throw new Error("enroll failed");
      return agent.credential;
    };
    const trigger = async (siteId: string, mode: "cloud" | "agent") => {
      const res = await fetch(`${base}/api/trigger/ci`, {
        method: "POST",
        headers: { "x-ci-api-key": t.secret, "content-type": "application/json" },
        body: JSON.stringify({
          site_id: siteId,
          execution_mode: mode,
          ...(mode === "agent" ? { agent_pool_id: pool.id } : {}),
        }),
      });
      if (res.status !== 202) throw new Error(`trigger ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { run_id: string }).run_id;
    };
    const call = (p: string, credential: string, body?: unknown) =>
      fetch(`${base}${p}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${credential}`,
          ...(body ? { "content-type": "application/json" } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      }).then((r) => r.json() as Promise<{ run: { run_id: string } | null }>);

    // (1) Trigger → claimed.
    const claimPart = async () => {
      const fast = await enroll("fast");
      const latencies: number[] = [];
      for (let i = 0; i < TRIGGERS; i++) {
        const polling = call("/api/agents/work?wait=10", fast);
        await sleep(20); // the agent is waiting when the trigger comes
        const started = performance.now();
        const runId = await trigger(t.site.id, "agent");
        const work = await polling;
        latencies.push(performance.now() - started);
        if (work.run?.run_id !== runId) throw new Error("the agent did not get the run");
        await call(`/api/agents/runs/${runId}/finish`, fast, { outcome: "failed", error: "bench" });
      }
      latencies.sort((a, b) => a - b);
      const result = {
        triggers: TRIGGERS,
        p50Ms: round1(percentile(latencies, 50)),
        p99Ms: round1(percentile(latencies, 99)),
      };
      console.error(`trigger → claimed: ${JSON.stringify(result)}`);
      return result;
    };

    // (2) 500 idle long-polling agents. First the server alone, for its own idle cost.
    const idlePart = async () => {
      let before = cpuMs(pid);
      let t0 = performance.now();
      await sleep(BASELINE_WINDOW_MS);
      const baselinePercent = ((cpuMs(pid) - before) / (performance.now() - t0)) * 100;

      const credentials: string[] = [];
      for (let i = 0; i < IDLE_AGENTS; i++) credentials.push(await enroll(`idle-${i}`));
      const rssGcBefore = await gcRss();
      const rssBefore = rssBytes(pid);
      const stop = new AbortController();
      let polls = 0;
      const loops = credentials.map(async (cred) => {
        while (!stop.signal.aborted) {
          await fetch(`${base}/api/agents/work?wait=25`, {
            method: "POST",
            headers: { authorization: `Bearer ${cred}` },
            signal: stop.signal,
          })
            .then((r) => r.text())
            .then(() => polls++)
            .catch(() => undefined);
        }
      });
      await sleep(3_000); // every agent is now waiting
      const pollsAtStart = polls;
      const loadIdle = load();
      before = cpuMs(pid);
      t0 = performance.now();
      await sleep(IDLE_WINDOW_MS);
      const idleCpuMs = cpuMs(pid) - before;
      const idleWallMs = performance.now() - t0;
      const repolls = polls - pollsAtStart;
      const rssAfter = rssBytes(pid);
      const rssGcAfter = await gcRss();
      // A second window with the same 500 agents: memory must not keep growing.
      const before2 = cpuMs(pid);
      const t2 = performance.now();
      await sleep(IDLE_WINDOW_MS);
      const secondCpuPercent = ((cpuMs(pid) - before2) / (performance.now() - t2)) * 100;
      const rssGcAfterSecond = await gcRss();
      stop.abort();
      await Promise.all(loops);
      await sleep(1_000);
      const rssGcGone = await gcRss();
      const result = {
        agents: IDLE_AGENTS,
        windowMs: Math.round(idleWallMs),
        repollsInWindow: repolls,
        loadavg: loadIdle,
        // The server process alone (/proc/<pid>/stat); the simulated agents run in this process.
        serverCpuPercentOfOneCore: round1((idleCpuMs / idleWallMs) * 100),
        serverCpuMsPerPoll: repolls ? Math.round((idleCpuMs / repolls) * 1000) / 1000 : null,
        secondWindowCpuPercent: round1(secondCpuPercent),
        serverAloneCpuPercent: round1(baselinePercent),
        rssMb: { before: mb(rssBefore), after: mb(rssAfter) },
        rssAfterGcMb: {
          before: mb(rssGcBefore),
          afterWindow1: mb(rssGcAfter),
          afterWindow2: mb(rssGcAfterSecond),
          agentsGone: mb(rssGcGone),
        },
      };
      console.error(`idle agents: ${JSON.stringify(result)}`);
      return result;
    };

    // (3) Agent-mode vs cloud crawl of the same 500-page site.
    const crawlPart = async () => {
      const site = await startSiteServer(treeSite(CRAWL_PAGES));
      const crawlSite = await makeSite(t.team.id, {
        name: "Bench tree",
        startUrl: `${site.url}/`,
        maxPages: CRAWL_PAGES,
        maxDepth: 10,
      });
      const worker = startProcess(["--import", "tsx", "worker/main.ts"], childEnv);
      procs.push(worker);
      const agent = startProcess(
        [
          "bin/signaldiff-agent.mjs",
          "--url",
          base,
          "--enroll",
          await token(),
          "--state-dir",
          stateDir,
          "--name",
          "crawler",
          "--log",
          "json",
        ],
        childEnv,
      );
      procs.push(agent);
      await waitForLine(agent, /waiting for work/);
      type Phases = { totalMs: number; toStartMs: number; runMs: number };
      const crawlOnce = async (mode: "cloud" | "agent"): Promise<Phases> => {
        const started = performance.now();
        const runId = await trigger(crawlSite.id, mode);
        for (;;) {
          const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
          if (run.status === "succeeded") {
            const totalMs = performance.now() - started;
            if (run.pagesDone !== CRAWL_PAGES)
              throw new Error(`${mode} run crawled ${run.pagesDone} pages`);
            const at = (d: Date | null) => d?.getTime() ?? Number.NaN;
            return {
              totalMs,
              toStartMs: at(run.startedAt) - at(run.queuedAt),
              runMs: at(run.finishedAt) - at(run.startedAt),
            };
          }
          if (run.status !== "queued" && run.status !== "running")
            throw new Error(`${mode} run ${run.status}: ${run.error}`);
          await sleep(10);
        }
      };
      // Warm-up: the first crawl stores every page's text; JIT, sockets and the site warm up too.
      await crawlOnce("cloud");
      await crawlOnce("agent");
      const times: Record<"cloud" | "agent", Phases[]> = { cloud: [], agent: [] };
      const loadCrawl = load();
      for (let r = 0; r < CRAWL_ROUNDS; r++) {
        // Alternate who goes first, so a burst of someone else's load falls on both sides.
        const order: ("cloud" | "agent")[] = r % 2 ? ["agent", "cloud"] : ["cloud", "agent"];
        for (const mode of order) {
          const phases = await crawlOnce(mode);
          times[mode].push(phases);
          console.error(`${mode} crawl: ${JSON.stringify(phases)}`);
        }
      }
      await site.close();
      const total = (mode: "cloud" | "agent") => times[mode].map((x) => x.totalMs);
      const best = (xs: number[]) => Math.min(...xs);
      const median = (xs: number[]) =>
        percentile(
          [...xs].sort((a, b) => a - b),
          50,
        );
      return {
        pages: CRAWL_PAGES,
        rounds: CRAWL_ROUNDS,
        loadavg: loadCrawl,
        cloudMs: total("cloud").map(Math.round),
        agentMs: total("agent").map(Math.round),
        // Queued → claimed and claimed → finished, as stored on the runs (median).
        cloudPhasesMs: {
          toStart: Math.round(median(times.cloud.map((x) => x.toStartMs))),
          run: Math.round(median(times.cloud.map((x) => x.runMs))),
        },
        agentPhasesMs: {
          toStart: Math.round(median(times.agent.map((x) => x.toStartMs))),
          run: Math.round(median(times.agent.map((x) => x.runMs))),
        },
        // Cloud time / agent time: the agent's speed relative to the cloud worker (target ≥ 0.8).
        ratioBest: Number((best(total("cloud")) / best(total("agent"))).toFixed(2)),
        ratioMedian: Number((median(total("cloud")) / median(total("agent"))).toFixed(2)),
      };
    };

    return {
      ...(PARTS.has("claim") ? { triggerToClaim: await claimPart() } : {}),
      ...(PARTS.has("idle") ? { idleAgents: await idlePart() } : {}),
      ...(PARTS.has("crawl") ? { crawl: await crawlPart() } : {}),
    };
  } finally {
    for (const p of procs.reverse()) await stopProcess(p);
    rmSync(stateDir, { recursive: true, force: true });
    await db.$disconnect();
    await database.drop();
  }
}

export type AgentsBenchResult = Awaited<ReturnType<typeof benchAgentsInProcess>>;

/** In a child process: lib/ reads its database from the environment once per process. */
export function benchAgents(): Promise<AgentsBenchResult> {
  return runInChild<AgentsBenchResult>(import.meta.filename, "agents-bench");
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  benchAgentsInProcess().then(
    (result) => {
      const file = process.env.BENCH_RESULT_FILE;
      if (file) writeFileSync(file, JSON.stringify(result));
      else console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
