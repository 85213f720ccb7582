// Admission against the real PostgreSQL: the per-team limit holds under 200 simultaneous starts.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getTeamPlan, PLAN_LIMITS } from "@/lib/plans/plan";
import { admitRun } from "@/lib/runs/admit-run";
import { cancelRun } from "@/lib/runs/cancel";
import { reapExpiredLeases } from "@/lib/runs/lease";
import { getCapacity } from "@/lib/runs/queries";
import { deleteSite } from "@/lib/sites/sites";
import { createPool } from "@/lib/credentials/agents/pools";
import { makePaid, makeSite, makeTeam } from "@/test/fixtures";

async function queuedJobs(runIds: string[]) {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM graphile_worker._private_jobs
    WHERE payload->>'runId' = ANY(${runIds}::text[])`;
  return Number(rows[0]?.n ?? 0);
}

async function race(teamId: string, siteId: string, n: number) {
  const results = await Promise.all(
    Array.from({ length: n }, () => admitRun({ teamId, siteId, source: "manual" })),
  );
  const admitted = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok && r.reason === "limit_reached");
  return { results, admitted, refused };
}

describe("getTeamPlan", () => {
  it("is free without a key and paid with an active one, but not with a revoked one", async () => {
    const { team } = await makeTeam();
    expect(await getTeamPlan(team.id)).toEqual({ plan: "free", concurrencyLimit: 1 });
    const key = await makePaid(team.id);
    expect(await getTeamPlan(team.id)).toEqual({ plan: "paid", concurrencyLimit: 3 });
    await db.ciApiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect(await getTeamPlan(team.id)).toEqual({ plan: "free", concurrencyLimit: 1 });
    expect(PLAN_LIMITS).toEqual({ free: 1, paid: 3 });
  });
});

describe("admitRun under a race", () => {
  it("admits exactly 3 of 200 simultaneous starts mixing cloud and agent runs", async () => {
    const { team } = await makeTeam();
    await makePaid(team.id);
    const site = await makeSite(team.id);
    const pool = await createPool(team.id, { name: "race" }, { label: "test" });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        admitRun(
          i % 2
            ? {
                teamId: team.id,
                siteId: site.id,
                source: "ci",
                executionMode: "agent",
                agentPoolId: pool.id,
              }
            : { teamId: team.id, siteId: site.id, source: "manual" },
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.reason === "limit_reached")).toHaveLength(197);
    expect(
      await db.run.count({ where: { teamId: team.id, status: { in: ["queued", "running"] } } }),
    ).toBe(3);
  });

  it("admits exactly 3 of 200 simultaneous starts on the paid plan", async () => {
    const { team } = await makeTeam();
    await makePaid(team.id);
    const site = await makeSite(team.id);
    const { admitted, refused, results } = await race(team.id, site.id, 200);
    expect(admitted).toHaveLength(3);
    expect(refused).toHaveLength(197);
    expect(results.every((r) => r.ok || r.reason === "limit_reached")).toBe(true);
    const active = await db.run.count({
      where: { teamId: team.id, status: { in: ["queued", "running"] } },
    });
    expect(active).toBe(3);
    expect(await db.run.count({ where: { teamId: team.id } })).toBe(3);
    const ids = admitted.flatMap((r) => (r.ok ? [r.run.id] : []));
    expect(await queuedJobs(ids)).toBe(3);
    const first = refused[0];
    if (first?.ok === false && first.reason === "limit_reached") {
      expect(first.message).toBe("3 of 3 crawls running — wait for a run to finish or cancel one");
      expect(first.retryAfterSeconds).toBeGreaterThan(0);
      expect(first.plan).toBe("paid");
    }
  }, 60_000);

  it("admits exactly 1 of 200 on the free plan", async () => {
    const { team } = await makeTeam();
    const site = await makeSite(team.id);
    const { admitted, refused } = await race(team.id, site.id, 200);
    expect(admitted).toHaveLength(1);
    expect(refused).toHaveLength(199);
    expect(await db.run.count({ where: { teamId: team.id } })).toBe(1);
  }, 60_000);
});

describe("admitRun rules", () => {
  it("counts runs of every source and mode, and says so in the message", async () => {
    const { team } = await makeTeam();
    const site = await makeSite(team.id);
    const ci = await admitRun({ teamId: team.id, siteId: site.id, source: "ci" });
    expect(ci.ok).toBe(true);
    const manual = await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    expect(manual).toMatchObject({
      ok: false,
      reason: "limit_reached",
      plan: "free",
      limit: 1,
      active: 1,
      message: "1 of 1 crawls running — wait for a run to finish or cancel one",
    });
  });

  it("records a scheduled start at the limit as skipped, never queued", async () => {
    const { team } = await makeTeam();
    const site = await makeSite(team.id);
    await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    const res = await admitRun({ teamId: team.id, siteId: site.id, source: "schedule" });
    expect(res.ok).toBe(false);
    if (res.ok || res.reason !== "limit_reached") throw new Error("expected limit_reached");
    expect(res.skippedRun).toMatchObject({ status: "skipped", skipReason: "concurrency limit" });
    expect(await db.run.count({ where: { teamId: team.id, status: "skipped" } })).toBe(1);
    expect(await db.run.count({ where: { teamId: team.id, status: "queued" } })).toBe(1);
  });

  it("refuses another team's site, a deleted site and an agent run without a pool", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    const siteB = await makeSite(b.team.id);
    expect(await admitRun({ teamId: a.team.id, siteId: siteB.id, source: "manual" })).toEqual({
      ok: false,
      reason: "site_not_found",
    });
    const siteA = await makeSite(a.team.id);
    expect(
      await admitRun({
        teamId: a.team.id,
        siteId: siteA.id,
        source: "ci",
        executionMode: "agent",
      }),
    ).toEqual({ ok: false, reason: "agent_pool_required" });
    // An unknown pool, and another team's pool, are not found.
    const poolB = await createPool(b.team.id, { name: "b" }, { label: "test" });
    for (const agentPoolId of ["pool_1", poolB.id])
      expect(
        await admitRun({
          teamId: a.team.id,
          siteId: siteA.id,
          source: "ci",
          executionMode: "agent",
          agentPoolId,
        }),
      ).toEqual({ ok: false, reason: "agent_pool_not_found" });
    const poolA = await createPool(a.team.id, { name: "a" }, { label: "test" });
    // Agent runs need an active paid key; a scheduled one without it is recorded as skipped.
    const agentStart = (source: "ci" | "schedule") =>
      admitRun({
        teamId: a.team.id,
        siteId: siteA.id,
        source,
        executionMode: "agent",
        agentPoolId: poolA.id,
      });
    expect(await agentStart("ci")).toEqual({ ok: false, reason: "agent_requires_paid" });
    const skipped = await agentStart("schedule");
    expect(
      !skipped.ok && skipped.reason === "agent_requires_paid" && skipped.skippedRun,
    ).toMatchObject({
      status: "skipped",
      skipReason: "no active paid CI API key",
    });
    await makePaid(a.team.id);
    const agentRun = await agentStart("ci");
    expect(agentRun.ok && agentRun.run.agentPoolId).toBe(poolA.id);
    // Agent runs are not put on the cloud queue.
    if (agentRun.ok) expect(await queuedJobs([agentRun.run.id])).toBe(0);
    await deleteSite(a.team.id, siteA.id);
    expect(await admitRun({ teamId: a.team.id, siteId: siteA.id, source: "manual" })).toEqual({
      ok: false,
      reason: "site_not_found",
    });
  });

  it("frees the slot when a run is cancelled", async () => {
    const { team, owner } = await makeTeam();
    const site = await makeSite(team.id);
    const first = await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    if (!first.ok) throw new Error("expected admission");
    expect(await queuedJobs([first.run.id])).toBe(1);
    const cancelled = await cancelRun(team.id, first.run.id, { userId: owner.id });
    expect(cancelled).toMatchObject({ ok: true, run: { status: "cancelled" } });
    expect(await queuedJobs([first.run.id])).toBe(0);
    expect(await cancelRun(team.id, first.run.id)).toEqual({
      ok: false,
      reason: "already_finished",
    });
    const other = await makeTeam();
    expect(await cancelRun(other.team.id, first.run.id)).toEqual({
      ok: false,
      reason: "not_found",
    });
    const second = await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    expect(second.ok).toBe(true);
  });

  it("frees the slot of a run whose worker lease lapsed, with a reason", async () => {
    const { team } = await makeTeam();
    const site = await makeSite(team.id);
    const first = await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    if (!first.ok) throw new Error("expected admission");
    await db.run.update({
      where: { id: first.run.id },
      data: {
        status: "running",
        workerId: "dead-worker",
        leaseExpiresAt: new Date(Date.now() - 1000),
      },
    });
    expect(await getCapacity(team.id)).toEqual({ plan: "free", limit: 1, active: 0 });
    const second = await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    expect(second.ok).toBe(true);
    const dead = await db.run.findUniqueOrThrow({ where: { id: first.run.id } });
    expect(dead.status).toBe("failed");
    expect(dead.error).toMatch(/stopped responding/);
    expect(await reapExpiredLeases(db, { teamId: team.id })).toEqual([]);
  });
});

describe("deleteSite", () => {
  it("cancels the site's active runs and keeps its history", async () => {
    const { team } = await makeTeam();
    const site = await makeSite(team.id);
    const res = await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    if (!res.ok) throw new Error("expected admission");
    expect(await deleteSite(team.id, site.id)).toEqual({ ok: true, cancelledRuns: 1 });
    const run = await db.run.findUniqueOrThrow({ where: { id: res.run.id } });
    expect(run.status).toBe("cancelled");
    expect(await deleteSite(team.id, site.id)).toEqual({ ok: false, reason: "not_found" });
  });
});
