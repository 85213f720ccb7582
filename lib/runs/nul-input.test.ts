// NUL characters (which PostgreSQL text cannot hold, SQLSTATE 22021) in ids and strings from
// outside are refused as input — a 400 for a body field, a 404 for an id in a path — by the domain
// schemas and lookups, so the answer is the same whichever HTTP layer carries the request.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as cancelAgentRun } from "@/app/agent/runs/[id]/cancel/route";
import { GET as getAgentRun } from "@/app/agent/runs/[id]/route";
import { GET as listAgentRuns } from "@/app/agent/runs/route";
import { POST as scan } from "@/app/agent/scans/route";
import { POST as triggerCi } from "@/app/api/trigger/ci/route";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { cancelRun } from "@/lib/runs/cancel";
import { getRun } from "@/lib/runs/queries";
import { runDetailForApi, cancelRunForApi } from "@/lib/runs/api-detail";
import { startRunBodySchema, startRunFromApi, triggerBodySchema } from "@/lib/runs/start-from-api";
import { siteInputSchema } from "@/lib/sites/schema";
import { createSite, getSite } from "@/lib/sites/sites";
import { call, teamWithKey } from "@/test/machine-api";

const NUL = "\u0000";
let t: Awaited<ReturnType<typeof teamWithKey>>;
const key = () => ({ "x-ci-api-key": t.secret });
const runCount = () => db.run.count({ where: { teamId: t.team.id } });

beforeAll(async () => {
  t = await teamWithKey("NUL team");
});

describe("schemas refuse NUL in strings", () => {
  it.each(["site_id", "branch", "repository", "agent_pool_id"])("trigger body %s", (field) => {
    const body = { site_id: "abc", [field]: `x${NUL}y` };
    const parsed = triggerBodySchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain("NUL");
  });

  it("trigger body run_url and the REST start body", () => {
    expect(
      triggerBodySchema.safeParse({ site_id: "a", run_url: `https://ci/${NUL}` }).success,
    ).toBe(false);
    expect(startRunBodySchema.safeParse({ site_id: NUL }).success).toBe(false);
  });

  it.each(["name", "agentPoolId", "scheduleCron"])("site field %s", (field) => {
    const site = { name: "Site", startUrl: "https://example.com/", [field]: `a${NUL}` };
    expect(siteInputSchema.safeParse(site).success).toBe(false);
  });

  it("createSite answers a field error instead of failing in the database", async () => {
    const res = await createSite(t.team.id, { name: `x${NUL}`, startUrl: "https://example.com/" });
    expect(res).toMatchObject({ ok: false });
  });
});

describe("lookups by an impossible id answer not found", () => {
  it("getSite, getRun, cancelRun", async () => {
    expect(await getSite(t.team.id, NUL)).toBeNull();
    expect(await getRun(t.team.id, `run${NUL}`)).toBeNull();
    expect(await cancelRun(t.team.id, NUL)).toEqual({ ok: false, reason: "not_found" });
  });

  it("the machine-API domain functions throw a not_found DomainError", async () => {
    for (const attempt of [
      () => runDetailForApi(t.team.id, NUL),
      () => cancelRunForApi(t.team.id, NUL, "test"),
      () => startRunFromApi({ teamId: t.team.id, siteId: NUL, source: "ci" }),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe("not_found");
    }
  });
});

describe("the routes of the fuzz report answer 4xx and change nothing", () => {
  it("POST /api/trigger/ci and /agent/scans with site_id NUL → 400", async () => {
    const before = await runCount();
    for (const [handler, url] of [
      [triggerCi, "/api/trigger/ci"],
      [scan, "/agent/scans"],
    ] as const) {
      const res = await call(handler, "POST", url, { headers: key(), body: { site_id: NUL } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(await runCount()).toBe(before);
  });

  // The machine app refuses a NUL in a path parameter as input (400) before any lookup.
  it("GET /agent/runs/%00, POST /agent/runs/%00/cancel → 400; GET /agent/runs?site_id=%00 → 4xx", async () => {
    const params = { id: NUL };
    const get = await call(getAgentRun, "GET", "/agent/runs/%00", { headers: key(), params });
    expect(get.status).toBe(400);
    const cancel = await call(cancelAgentRun, "POST", "/agent/runs/%00/cancel", {
      headers: key(),
      params,
    });
    expect(cancel.status).toBe(400);
    const list = await call(listAgentRuns, "GET", "/agent/runs?site_id=%00", { headers: key() });
    expect(list.status).toBeGreaterThanOrEqual(400);
    expect(list.status).toBeLessThan(500);
  });
});
