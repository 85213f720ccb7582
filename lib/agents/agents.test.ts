// Customer agents against the real PostgreSQL and the real machine app: enrollment tokens (one
// use, concurrent exchange, expiry, paid key), agent credentials (re-enroll, revoke, CI key
// rotation leaves them alone, one identical 401), and the work loop (claim only the own pool's
// runs, heartbeats and cancel, uploads, diffs computed by the server, return, lease expiry and
// the "waiting for an agent" timeout).
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { machineApp } from "@/lib/machine-api/app";
import { createPool, deletePool } from "@/lib/credentials/agents/pools";
import { createEnrollmentToken } from "@/lib/credentials/agents/enrollment";
import { authenticateAgent, revokeAgent } from "@/lib/credentials/agents/agents";
import { claimAgentRun, pollForWork } from "@/lib/agents/work";
import { rotateKey } from "@/lib/credentials/ci-keys/rotate-key";
import { revokeKey } from "@/lib/credentials/ci-keys/manage-key";
import { hashText } from "@/lib/crawl/extract";
import { admitRun } from "@/lib/runs/admit-run";
import { cancelRun } from "@/lib/runs/cancel";
import { reapExpiredLeases } from "@/lib/runs/lease";
import { readRunPages } from "@/lib/runs/page-set";
import { makeTeam } from "@/test/fixtures";
import { teamWithKey } from "@/test/machine-api";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field
type Json = any;

const actor = (userId: string) => ({ userId, label: "owner@example.com" });

async function api(method: string, path: string, opts: { body?: unknown; auth?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.auth) headers.authorization = `Bearer ${opts.auth}`;
  const res = await machineApp.fetch(
    new Request(`http://localhost${path}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    }),
  );
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as Json) : null };
}

async function paidTeamWithPool(name = "Team") {
  const t = await teamWithKey(name);
  const pool = await createPool(t.team.id, { name: "office" }, actor(t.owner.id));
  return { ...t, pool };
}

async function enroll(teamId: string, poolId: string, userId: string, name = "box-1") {
  const issued = await createEnrollmentToken(teamId, poolId, actor(userId));
  const res = await api("POST", "/api/agents/enroll", {
    body: { token: issued.token, name, hostname: `${name}.lan`, version: "1.0.0" },
  });
  expect(res.status).toBe(201);
  return { credential: res.json.credential as string, agentId: res.json.agent_id as string };
}

const page = (url: string, text: string) => ({
  url,
  depth: 0,
  http_status: 200,
  content_type: "text/html",
  title: "T",
  text,
  text_hash: hashText(text),
  links: [],
  duration_ms: 5,
  error: null,
});

describe("enrollment tokens", () => {
  it("are sce_ tokens, hash-only, single use under a concurrent race, and need a paid key", async () => {
    const t = await paidTeamWithPool();
    const issued = await createEnrollmentToken(t.team.id, t.pool.id, actor(t.owner.id));
    expect(issued.token).toMatch(/^sce_[0-9A-Za-z]{38}$/);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(issued.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    const row = await db.agentEnrollmentToken.findFirstOrThrow({ where: { poolId: t.pool.id } });
    expect(JSON.stringify(row)).not.toContain(issued.token.slice(4));

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api("POST", "/api/agents/enroll", { body: { token: issued.token, name: `n${i}` } }),
      ),
    );
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 401);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    expect(new Set(lost.map((r) => r.text)).size).toBe(1);
    expect(won[0]?.json.credential).toMatch(/^sca_[0-9A-Za-z]{38}$/);
    const agent = await db.agent.findFirstOrThrow({ where: { poolId: t.pool.id } });
    expect(JSON.stringify(agent)).not.toContain(String(won[0]?.json.credential).slice(4));
    const actions = (await db.auditLog.findMany({ where: { teamId: t.team.id } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        "agent.enrollment_token_created",
        "agent.enrollment_token_used",
        "agent.enrolled",
      ]),
    );

    // Expired, malformed and unknown tokens: the same 401 as a used one.
    const old = await createEnrollmentToken(t.team.id, t.pool.id, actor(t.owner.id));
    await db.agentEnrollmentToken.updateMany({
      where: { tokenHash: { not: row.tokenHash }, poolId: t.pool.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const altered = `${old.token.slice(0, -1)}${old.token.endsWith("x") ? "y" : "x"}`;
    for (const token of [old.token, "sce_nope", altered]) {
      const r = await api("POST", "/api/agents/enroll", { body: { token } });
      expect(r.status).toBe(401);
      expect(r.text).toBe(lost[0]?.text);
    }

    const free = await makeTeam();
    const freePool = await createPool(free.team.id, { name: "p" }, actor(free.owner.id));
    await expect(
      createEnrollmentToken(free.team.id, freePool.id, actor(free.owner.id)),
    ).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/Pricing/) });
    // Another team's pool is not found.
    await expect(
      createEnrollmentToken(free.team.id, t.pool.id, actor(free.owner.id)),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("a credential cut off mid-poll", () => {
  it("claims nothing once revoked or replaced by a re-enrollment, though its poll was admitted", async () => {
    const t = await paidTeamWithPool();
    const first = await enroll(t.team.id, t.pool.id, t.owner.id);
    const queue = async () => {
      const admitted = await admitRun({
        teamId: t.team.id,
        siteId: t.site.id,
        source: "manual",
        executionMode: "agent",
        agentPoolId: t.pool.id,
      });
      if (!admitted.ok) throw new Error("not admitted");
      return admitted.run.id;
    };
    // Replaced: the old credential's poll is already waiting when an admin re-enrolls the name.
    const stale = api("POST", "/api/agents/work?wait=2", { auth: first.credential });
    await new Promise((r) => setTimeout(r, 300));
    const again = await enroll(t.team.id, t.pool.id, t.owner.id);
    const runA = await queue();
    expect((await stale).json).toEqual({ run: null });
    expect((await db.run.findUniqueOrThrow({ where: { id: runA } })).status).toBe("queued");
    const claimed = await api("POST", "/api/agents/work?wait=0", { auth: again.credential });
    expect(claimed.json.run.run_id).toBe(runA);
    await cancelRun(t.team.id, runA);

    // Revoked while polling.
    const polling = api("POST", "/api/agents/work?wait=2", { auth: again.credential });
    await new Promise((r) => setTimeout(r, 300));
    await revokeAgent(t.team.id, again.agentId, actor(t.owner.id));
    const runB = await queue();
    expect((await polling).json).toEqual({ run: null });
    expect((await db.run.findUniqueOrThrow({ where: { id: runB } })).status).toBe("queued");
    await cancelRun(t.team.id, runB);
  });
});

describe("agent pools", () => {
  it("a pool is not deleted under an admission that is queueing a run for it", async () => {
    const t = await paidTeamWithPool();
    let deleting: Promise<string> | undefined;
    await db.$transaction(
      async (tx) => {
        const admitted = await admitRun(
          {
            teamId: t.team.id,
            siteId: t.site.id,
            source: "manual",
            executionMode: "agent",
            agentPoolId: t.pool.id,
          },
          tx,
        );
        expect(admitted.ok).toBe(true);
        // The admission has checked the pool and not committed yet: a delete starts now.
        deleting = deletePool(t.team.id, t.pool.id, actor(t.owner.id)).then(
          () => "deleted",
          (e: { code?: string }) => e.code ?? String(e),
        );
        await new Promise((r) => setTimeout(r, 300));
      },
      { timeout: 10_000 },
    );
    expect(await deleting).toBe("conflict");
    expect(await db.agentPool.count({ where: { id: t.pool.id } })).toBe(1);
  });
});

describe("agent credentials", () => {
  it("re-enroll replaces, revoke is immediate, CI key rotation and revocation leave agents alone", async () => {
    const t = await paidTeamWithPool();
    const first = await enroll(t.team.id, t.pool.id, t.owner.id);
    expect((await api("POST", "/api/agents/work?wait=0", { auth: first.credential })).status).toBe(
      200,
    );
    const again = await enroll(t.team.id, t.pool.id, t.owner.id);
    expect(again.agentId).toBe(first.agentId);
    const refused = await api("POST", "/api/agents/work?wait=0", { auth: first.credential });
    expect(refused.status).toBe(401);
    expect((await api("POST", "/api/agents/work?wait=0", { auth: again.credential })).status).toBe(
      200,
    );
    // The real credential with its last character changed (to one it is not).
    const altered = `${again.credential.slice(0, -1)}${again.credential.endsWith("0") ? "1" : "0"}`;
    for (const bad of ["", "sca_x", altered, "sck_abc"]) {
      const r = await api("POST", "/api/agents/work?wait=0", { auth: bad || undefined });
      expect(r.status).toBe(401);
      expect(r.text).toBe(refused.text);
    }

    await rotateKey({
      teamId: t.team.id,
      keyId: t.keyId,
      confirm: "ROTATE",
      actor: { ...actor(t.owner.id), role: "owner" },
    });
    expect((await api("POST", "/api/agents/work?wait=0", { auth: again.credential })).status).toBe(
      200,
    );
    await revokeKey({ teamId: t.team.id, keyId: t.keyId, actor: actor(t.owner.id) });
    expect((await api("POST", "/api/agents/work?wait=0", { auth: again.credential })).status).toBe(
      200,
    );

    await revokeAgent(t.team.id, again.agentId, actor(t.owner.id));
    expect((await api("POST", "/api/agents/work?wait=0", { auth: again.credential })).status).toBe(
      401,
    );
    const actions = (await db.auditLog.findMany({ where: { teamId: t.team.id } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["agent.re_enrolled", "agent.revoked"]));
  });
});

describe("running on agents", () => {
  it("queues for the pool, wakes a long-polling agent, stores server-computed diffs", async () => {
    const t = await paidTeamWithPool();
    const other = await paidTeamWithPool("Other");
    const agent = await enroll(t.team.id, t.pool.id, t.owner.id);
    const stranger = await enroll(other.team.id, other.pool.id, other.owner.id);
    // A poll records the agent as seen (its online status), stored in UTC like Prisma's dates.
    await db.agent.update({ where: { id: agent.agentId }, data: { lastSeenAt: null } });
    const polledAt = Date.now();
    await api("POST", "/api/agents/work?wait=0", { auth: agent.credential });
    const seen = await db.agent.findUniqueOrThrow({ where: { id: agent.agentId } });
    expect(Math.abs((seen.lastSeenAt?.getTime() ?? 0) - polledAt)).toBeLessThan(5_000);
    const ci = { "x-ci-api-key": t.secret, "content-type": "application/json" };
    const trigger = (body: unknown) =>
      machineApp.fetch(
        new Request("http://localhost/api/trigger/ci", {
          method: "POST",
          headers: ci,
          body: JSON.stringify(body),
        }),
      );

    expect(
      (await trigger({ site_id: t.site.id, execution_mode: "agent", agent_pool_id: other.pool.id }))
        .status,
    ).toBe(404);
    expect(
      (await trigger({ site_id: t.site.id, execution_mode: "cloud", agent_pool_id: t.pool.id }))
        .status,
    ).toBe(400);
    expect((await trigger({ site_id: t.site.id, execution_mode: "agent" })).status).toBe(400);

    for (const [version, text] of [
      [1, "Hello world"],
      [2, "Hello changed world"],
    ] as const) {
      // The agent is already waiting when the run is queued: the notification wakes it.
      const polling = api("POST", "/api/agents/work?wait=10", { auth: agent.credential });
      const strangerPoll = api("POST", "/api/agents/work?wait=1", { auth: stranger.credential });
      await new Promise((r) => setTimeout(r, 200));
      const started = Date.now();
      const res = await trigger({
        site_id: t.site.id,
        execution_mode: "agent",
        agent_pool_id: t.pool.id,
      });
      expect(res.status).toBe(202);
      const { run_id } = (await res.json()) as { run_id: string };
      const work = await polling;
      expect(Date.now() - started).toBeLessThan(2000);
      expect(work.json.run.run_id).toBe(run_id);
      expect(work.json.run.site.start_url).toBe(t.site.startUrl);
      expect((await strangerPoll).json.run).toBeNull();

      const hb = await api("POST", `/api/agents/runs/${run_id}/heartbeat`, {
        auth: agent.credential,
        body: { pages_done: 0, pages_planned: 2 },
      });
      expect(hb.json).toEqual({ cancel: false });
      // Another team's agent cannot touch the run.
      expect(
        (
          await api("POST", `/api/agents/runs/${run_id}/heartbeat`, {
            auth: stranger.credential,
            body: {},
          })
        ).status,
      ).toBe(404);
      const up = await api("POST", `/api/agents/runs/${run_id}/pages`, {
        auth: agent.credential,
        body: { pages: [page(`${t.site.startUrl}`, text)] },
      });
      expect(up.json).toEqual({ accepted: 1, cancel: false });
      const tooMany = await api("POST", `/api/agents/runs/${run_id}/pages`, {
        auth: agent.credential,
        body: { pages: Array.from({ length: 51 }, (_, i) => page(`http://x/${i}`, "x")) },
      });
      expect(tooMany.status).toBe(400);
      const done = await api("POST", `/api/agents/runs/${run_id}/finish`, {
        auth: agent.credential,
        body: { outcome: "completed" },
      });
      expect(done.json).toEqual({ status: "succeeded" });
      const run = await db.run.findUniqueOrThrow({ where: { id: run_id } });
      expect(run.executionMode).toBe("agent");
      if (version === 2) {
        expect(run.pagesChanged).toBe(1);
        const stored = await db.runPage.findFirstOrThrow({ where: { runId: run_id } });
        expect(stored.change).toBe("changed");
        expect(stored.diff).toContain("+Hello changed world");
      }
      expect(await db.agentRunUpload.count({ where: { runId: run_id } })).toBe(0);
    }
  });

  it("cancel reaches the agent at its next heartbeat; return re-queues; a dead agent's lease fails the run", async () => {
    const t = await paidTeamWithPool();
    const agent = await enroll(t.team.id, t.pool.id, t.owner.id);
    const start = async () => {
      const res = await machineApp.fetch(
        new Request("http://localhost/agent/scans", {
          method: "POST",
          headers: { "x-ci-api-key": t.secret, "content-type": "application/json" },
          body: JSON.stringify({
            site_id: t.site.id,
            execution_mode: "agent",
            agent_pool_id: t.pool.id,
          }),
        }),
      );
      expect(res.status).toBe(202);
      return ((await res.json()) as { run_id: string }).run_id;
    };
    const claim = async () =>
      (await api("POST", "/api/agents/work?wait=0", { auth: agent.credential })).json.run;

    const a = await start();
    expect((await claim()).run_id).toBe(a);
    await cancelRun(t.team.id, a);
    const hb = await api("POST", `/api/agents/runs/${a}/heartbeat`, {
      auth: agent.credential,
      body: {},
    });
    expect(hb.json).toEqual({ cancel: true });

    const b = await start();
    expect((await claim()).run_id).toBe(b);
    const back = await api("POST", `/api/agents/runs/${b}/finish`, {
      auth: agent.credential,
      body: { outcome: "returned" },
    });
    expect(back.json).toEqual({ status: "queued" });
    expect((await claim()).run_id).toBe(b);
    await db.run.update({ where: { id: b }, data: { leaseExpiresAt: new Date(Date.now() - 1) } });
    expect(await reapExpiredLeases(db, { teamId: t.team.id })).toContain(b);
    const dead = await db.run.findUniqueOrThrow({ where: { id: b } });
    expect(dead.status).toBe("failed");
    expect(dead.error).toMatch(/agent running this crawl stopped responding/);

    // Nobody claims it: after the queue timeout the run fails with the pool named.
    const c = await start();
    const log = await db.runLog.findFirstOrThrow({ where: { runId: c } });
    expect(log.message).toContain("waiting for an agent in pool office");
    await db.run.update({ where: { id: c }, data: { queuedAt: new Date(Date.now() - 3_600_000) } });
    await reapExpiredLeases(db, { teamId: t.team.id });
    const timedOut = await db.run.findUniqueOrThrow({ where: { id: c } });
    expect(timedOut.status).toBe("failed");
    expect(timedOut.error).toMatch(/Waiting for an agent in pool office/);
  });

  it("only the agent holding a run writes to it, and its uploads stop at twice the site's page limit", async () => {
    const t = await paidTeamWithPool();
    const other = await paidTeamWithPool("Other");
    await db.site.update({ where: { id: t.site.id }, data: { maxPages: 2 } });
    const holder = await enroll(t.team.id, t.pool.id, t.owner.id, "holder");
    const sibling = await enroll(t.team.id, t.pool.id, t.owner.id, "sibling");
    const stranger = await enroll(other.team.id, other.pool.id, other.owner.id);
    const res = await machineApp.fetch(
      new Request("http://localhost/agent/scans", {
        method: "POST",
        headers: { "x-ci-api-key": t.secret, "content-type": "application/json" },
        body: JSON.stringify({
          site_id: t.site.id,
          execution_mode: "agent",
          agent_pool_id: t.pool.id,
        }),
      }),
    );
    const { run_id: runId } = (await res.json()) as { run_id: string };
    const work = await api("POST", "/api/agents/work?wait=0", { auth: holder.credential });
    expect(work.json.run.run_id).toBe(runId);
    const batch = (n: number) => ({
      pages: Array.from({ length: n }, (_, i) => page(`${t.site.startUrl}p${i}`, "x")),
    });

    // The sibling in the same pool and another team's agent: 404 on every write, nothing stored.
    for (const who of [sibling, stranger]) {
      for (const [path, body] of [
        ["pages", batch(1)],
        ["finish", { outcome: "failed", error: "hijack" }],
        ["finish", { outcome: "returned" }],
      ] as const) {
        const r = await api("POST", `/api/agents/runs/${runId}/${path}`, {
          auth: who.credential,
          body,
        });
        expect(r.status).toBe(404);
      }
    }
    for (const id of ["nope", "c".repeat(25)]) {
      const r = await api("POST", `/api/agents/runs/${id}/pages`, {
        auth: holder.credential,
        body: batch(1),
      });
      expect(r.status).toBe(404);
    }
    // A batch over 8 MiB (pages within their own limits) is refused by its size.
    const big = await api("POST", `/api/agents/runs/${runId}/pages`, {
      auth: holder.credential,
      body: {
        pages: Array.from({ length: 45 }, (_, i) => ({
          ...page(`${t.site.startUrl}big${i}`, "x"),
          text: "y".repeat(199_000),
        })),
      },
    });
    expect(big.status).toBe(413);
    expect(await db.agentRunUpload.count({ where: { runId } })).toBe(0);
    expect(await db.run.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({
      status: "running",
      pagesDone: 0,
    });

    // Re-sent batches are fine up to twice max_pages (2 × 2 here); a flood beyond is refused.
    for (let i = 0; i < 2; i++) {
      const ok = await api("POST", `/api/agents/runs/${runId}/pages`, {
        auth: holder.credential,
        body: batch(2),
      });
      expect(ok.json).toEqual({ accepted: 2, cancel: false });
    }
    const flood = await api("POST", `/api/agents/runs/${runId}/pages`, {
      auth: holder.credential,
      body: batch(1),
    });
    expect(flood.status).toBe(409);
    expect(flood.json.error.message).toMatch(/at most 2 pages/);
    expect(await db.agentRunUpload.count({ where: { runId } })).toBe(2);
    const done = await api("POST", `/api/agents/runs/${runId}/finish`, {
      auth: holder.credential,
      body: { outcome: "completed" },
    });
    expect(done.json).toEqual({ status: "succeeded" });
    expect(await readRunPages(t.team.id, runId)).toHaveLength(2);

    // After the run ended, uploads are told to stop and store nothing.
    const late = await api("POST", `/api/agents/runs/${runId}/pages`, {
      auth: holder.credential,
      body: batch(1),
    });
    expect(late.json).toEqual({ accepted: 0, cancel: true });
    expect(await db.agentRunUpload.count({ where: { runId } })).toBe(0);
  });

  it("a claim whose answer cannot reach the agent goes back to the queue at once, not to the lease", async () => {
    const t = await paidTeamWithPool();
    const agent = await enroll(t.team.id, t.pool.id, t.owner.id);
    const authed = await authenticateAgent(agent.credential);
    if (!authed) throw new Error("agent credential refused");
    const start = async () => {
      const res = await machineApp.fetch(
        new Request("http://localhost/api/trigger/ci", {
          method: "POST",
          headers: { "x-ci-api-key": t.secret, "content-type": "application/json" },
          body: JSON.stringify({
            site_id: t.site.id,
            execution_mode: "agent",
            agent_pool_id: t.pool.id,
          }),
        }),
      );
      expect(res.status).toBe(202);
      return ((await res.json()) as { run_id: string }).run_id;
    };
    const status = async (id: string) =>
      (await db.run.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    const runId = await start();

    // A poll whose agent already hung up claims nothing.
    const gone = new AbortController();
    gone.abort();
    expect(await pollForWork(authed, 5, gone.signal)).toBeNull();
    expect(await status(runId)).toBe("queued");

    // Over real HTTP: the agent sends its poll and closes the connection at once (SIGTERM while
    // the poll is in flight). Whether the server noticed before or after claiming, the run ends
    // up queued within a moment — never running until its lease lapses.
    const server = http.createServer(getRequestListener(machineApp.fetch));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      for (let i = 0; i < 5; i++) {
        const socket = net.connect(port, "127.0.0.1");
        await new Promise<void>((r) => socket.once("connect", r));
        socket.write(
          `POST /api/agents/work?wait=5 HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${agent.credential}\r\ncontent-length: 0\r\n\r\n`,
        );
        await new Promise((r) => setTimeout(r, i)); // cut at slightly different moments
        socket.destroy();
        await new Promise((r) => setTimeout(r, 300));
        await vi.waitFor(async () => expect(await status(runId)).toBe("queued"), {
          timeout: 2_000,
          interval: 50,
        });
      }
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }

    // A claim made for a poll whose answer was lost in transit (the server could not tell): the
    // agent, stopping, releases what it holds; another team's agent releases nothing of it.
    const lost = await claimAgentRun(authed);
    expect(lost?.run_id).toBe(runId);
    expect(await status(runId)).toBe("running");
    const other = await paidTeamWithPool("Other");
    const stranger = await enroll(other.team.id, other.pool.id, other.owner.id);
    expect((await api("POST", "/api/agents/release", { auth: stranger.credential })).json).toEqual({
      returned: 0,
    });
    expect(await status(runId)).toBe("running");
    const released = await api("POST", "/api/agents/release", { auth: agent.credential });
    expect(released.json).toEqual({ returned: 1 });
    expect(await status(runId)).toBe("queued");
    const back = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(back.workerId).toBeNull();
    expect(
      (await db.runLog.findMany({ where: { runId } })).map((l) => l.message).join("\n"),
    ).toMatch(/claim did not reach agent box-1/);
    expect((await api("POST", "/api/agents/release", { auth: "sca_nope" })).status).toBe(401);
    // Nothing held any more: the run is claimable again.
    expect(
      (await api("POST", "/api/agents/work?wait=0", { auth: agent.credential })).json.run.run_id,
    ).toBe(runId);
  });
});
