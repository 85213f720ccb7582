// The REST API (/api/v1) with bearer tokens: every route's behaviour, the tenant isolation matrix
// (team A's token on team B's resources → 403, nothing changed or leaked) and the scope matrix.
import type { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as cancelRunRoute } from "@/app/api/v1/runs/[id]/cancel/route";
import { GET as runLogs } from "@/app/api/v1/runs/[id]/logs/route";
import { GET as runPages } from "@/app/api/v1/runs/[id]/pages/route";
import { GET as getRunRoute } from "@/app/api/v1/runs/[id]/route";
import { GET as listRunsRoute, POST as startRun } from "@/app/api/v1/runs/route";
import {
  DELETE as deleteSite,
  GET as getSite,
  PATCH as patchSite,
} from "@/app/api/v1/sites/[id]/route";
import { GET as listSites, POST as createSite } from "@/app/api/v1/sites/route";
import { GET as getTeam, PATCH as patchTeam } from "@/app/api/v1/team/route";
import { POST as revokePrevious } from "@/app/api/v1/signing-secret/revoke-previous/route";
import { POST as rotateSecret } from "@/app/api/v1/signing-secret/rotate/route";
import { GET as getSecret } from "@/app/api/v1/signing-secret/route";
import { GET as listDeliveries } from "@/app/api/v1/webhook-endpoints/[id]/deliveries/route";
import {
  DELETE as deleteEndpoint,
  GET as getEndpoint,
  PATCH as patchEndpoint,
} from "@/app/api/v1/webhook-endpoints/[id]/route";
import { POST as testEndpoint } from "@/app/api/v1/webhook-endpoints/[id]/test/route";
import { GET as listEndpoints, POST as createEndpoint } from "@/app/api/v1/webhook-endpoints/route";
import {
  DELETE as deletePoolRoute,
  PATCH as patchPoolRoute,
} from "@/app/api/v1/agent-pools/[id]/route";
import { POST as createTokenRoute } from "@/app/api/v1/agent-pools/[id]/enrollment-tokens/route";
import { GET as listPoolsRoute, POST as createPoolRoute } from "@/app/api/v1/agent-pools/route";
import { DELETE as revokeAgentRoute } from "@/app/api/v1/agents/[id]/route";
import { GET as listAgentsRoute } from "@/app/api/v1/agents/route";
import { createPool } from "@/lib/credentials/agents/pools";
import {
  createEnrollmentToken,
  exchangeEnrollmentToken,
} from "@/lib/credentials/agents/enrollment";
import {
  grants,
  ROUTE_SCOPES,
  SCOPES,
  type ApiRoute,
  type Scope,
} from "@/lib/credentials/api-clients/scopes";
import { db } from "@/lib/db";
import { admitRun } from "@/lib/runs/admit-run";
import { cancelRun } from "@/lib/runs/cancel";
import { makeSite } from "@/test/fixtures";
import { bearerFor, call, type CallOptions, teamWithKey } from "@/test/machine-api";

type Handler = (req: NextRequest, ctx: { params: Promise<never> }) => Response | Promise<Response>;
type Ids = {
  siteId: string;
  runId: string;
  finishedRunId: string;
  endpointId: string;
  poolId: string;
  agentId: string;
};
type Req = { handler: Handler; method: string; url: string; opts?: CallOptions };

const h = (fn: unknown) => fn as Handler;

/** One request per route, aimed at the resources in `ids`. */
const REQUESTS: Record<ApiRoute, (ids: Ids) => Req> = {
  "GET /api/v1/team": () => ({ handler: h(getTeam), method: "GET", url: "/api/v1/team" }),
  "PATCH /api/v1/team": () => ({
    handler: h(patchTeam),
    method: "PATCH",
    url: "/api/v1/team",
    opts: { body: { name: "Renamed by API" } },
  }),
  "GET /api/v1/sites": () => ({ handler: h(listSites), method: "GET", url: "/api/v1/sites" }),
  "POST /api/v1/sites": () => ({
    handler: h(createSite),
    method: "POST",
    url: "/api/v1/sites",
    opts: { body: { name: "New", start_url: "https://example.com/" } },
  }),
  "GET /api/v1/sites/{id}": ({ siteId }) => ({
    handler: h(getSite),
    method: "GET",
    url: `/api/v1/sites/${siteId}`,
    opts: { params: { id: siteId } },
  }),
  "PATCH /api/v1/sites/{id}": ({ siteId }) => ({
    handler: h(patchSite),
    method: "PATCH",
    url: `/api/v1/sites/${siteId}`,
    opts: { params: { id: siteId }, body: { name: "Changed", max_pages: 7 } },
  }),
  "DELETE /api/v1/sites/{id}": ({ siteId }) => ({
    handler: h(deleteSite),
    method: "DELETE",
    url: `/api/v1/sites/${siteId}`,
    opts: { params: { id: siteId } },
  }),
  "GET /api/v1/runs": ({ siteId }) => ({
    handler: h(listRunsRoute),
    method: "GET",
    url: `/api/v1/runs?site_id=${siteId}`,
  }),
  "POST /api/v1/runs": ({ siteId }) => ({
    handler: h(startRun),
    method: "POST",
    url: "/api/v1/runs",
    opts: { body: { site_id: siteId } },
  }),
  "GET /api/v1/runs/{id}": ({ finishedRunId }) => ({
    handler: h(getRunRoute),
    method: "GET",
    url: `/api/v1/runs/${finishedRunId}`,
    opts: { params: { id: finishedRunId } },
  }),
  "POST /api/v1/runs/{id}/cancel": ({ runId }) => ({
    handler: h(cancelRunRoute),
    method: "POST",
    url: `/api/v1/runs/${runId}/cancel`,
    opts: { params: { id: runId } },
  }),
  "GET /api/v1/runs/{id}/pages": ({ finishedRunId }) => ({
    handler: h(runPages),
    method: "GET",
    url: `/api/v1/runs/${finishedRunId}/pages`,
    opts: { params: { id: finishedRunId } },
  }),
  "GET /api/v1/runs/{id}/logs": ({ finishedRunId }) => ({
    handler: h(runLogs),
    method: "GET",
    url: `/api/v1/runs/${finishedRunId}/logs`,
    opts: { params: { id: finishedRunId } },
  }),
  "GET /api/v1/webhook-endpoints": () => ({
    handler: h(listEndpoints),
    method: "GET",
    url: "/api/v1/webhook-endpoints",
  }),
  "POST /api/v1/webhook-endpoints": () => ({
    handler: h(createEndpoint),
    method: "POST",
    url: "/api/v1/webhook-endpoints",
    opts: { body: { url: "https://hooks.example.com/new", event_types: ["run.failed"] } },
  }),
  "GET /api/v1/webhook-endpoints/{id}": ({ endpointId }) => ({
    handler: h(getEndpoint),
    method: "GET",
    url: `/api/v1/webhook-endpoints/${endpointId}`,
    opts: { params: { id: endpointId } },
  }),
  "PATCH /api/v1/webhook-endpoints/{id}": ({ endpointId }) => ({
    handler: h(patchEndpoint),
    method: "PATCH",
    url: `/api/v1/webhook-endpoints/${endpointId}`,
    opts: { params: { id: endpointId }, body: { description: "changed" } },
  }),
  "DELETE /api/v1/webhook-endpoints/{id}": ({ endpointId }) => ({
    handler: h(deleteEndpoint),
    method: "DELETE",
    url: `/api/v1/webhook-endpoints/${endpointId}`,
    opts: { params: { id: endpointId } },
  }),
  "POST /api/v1/webhook-endpoints/{id}/test": ({ endpointId }) => ({
    handler: h(testEndpoint),
    method: "POST",
    url: `/api/v1/webhook-endpoints/${endpointId}/test`,
    opts: { params: { id: endpointId } },
  }),
  "GET /api/v1/webhook-endpoints/{id}/deliveries": ({ endpointId }) => ({
    handler: h(listDeliveries),
    method: "GET",
    url: `/api/v1/webhook-endpoints/${endpointId}/deliveries`,
    opts: { params: { id: endpointId } },
  }),
  "GET /api/v1/signing-secret": () => ({
    handler: h(getSecret),
    method: "GET",
    url: "/api/v1/signing-secret",
  }),
  "POST /api/v1/signing-secret/rotate": () => ({
    handler: h(rotateSecret),
    method: "POST",
    url: "/api/v1/signing-secret/rotate",
    opts: { body: { confirm: "ROTATE" } },
  }),
  "POST /api/v1/signing-secret/revoke-previous": () => ({
    handler: h(revokePrevious),
    method: "POST",
    url: "/api/v1/signing-secret/revoke-previous",
  }),
  "GET /api/v1/agent-pools": () => ({
    handler: h(listPoolsRoute),
    method: "GET",
    url: "/api/v1/agent-pools",
  }),
  "POST /api/v1/agent-pools": () => ({
    handler: h(createPoolRoute),
    method: "POST",
    url: "/api/v1/agent-pools",
    opts: { body: { name: `pool-${Math.random().toString(36).slice(2)}` } },
  }),
  "PATCH /api/v1/agent-pools/{id}": ({ poolId }) => ({
    handler: h(patchPoolRoute),
    method: "PATCH",
    url: `/api/v1/agent-pools/${poolId}`,
    opts: { params: { id: poolId }, body: { description: "changed" } },
  }),
  "DELETE /api/v1/agent-pools/{id}": ({ poolId }) => ({
    handler: h(deletePoolRoute),
    method: "DELETE",
    url: `/api/v1/agent-pools/${poolId}`,
    opts: { params: { id: poolId } },
  }),
  "POST /api/v1/agent-pools/{id}/enrollment-tokens": ({ poolId }) => ({
    handler: h(createTokenRoute),
    method: "POST",
    url: `/api/v1/agent-pools/${poolId}/enrollment-tokens`,
    opts: { params: { id: poolId } },
  }),
  "GET /api/v1/agents": () => ({
    handler: h(listAgentsRoute),
    method: "GET",
    url: "/api/v1/agents",
  }),
  "DELETE /api/v1/agents/{id}": ({ agentId }) => ({
    handler: h(revokeAgentRoute),
    method: "DELETE",
    url: `/api/v1/agents/${agentId}`,
    opts: { params: { id: agentId } },
  }),
};

// Routes that take no resource id act on the caller's own team whatever is sent.
const OWN_TEAM_ONLY: ApiRoute[] = [
  "GET /api/v1/team",
  "PATCH /api/v1/team",
  "GET /api/v1/sites",
  "POST /api/v1/sites",
  "GET /api/v1/webhook-endpoints",
  "POST /api/v1/webhook-endpoints",
  "GET /api/v1/signing-secret",
  "POST /api/v1/signing-secret/rotate",
  "POST /api/v1/signing-secret/revoke-previous",
  "GET /api/v1/agent-pools",
  "POST /api/v1/agent-pools",
  "GET /api/v1/agents",
];

function send(r: Req, token: string | null) {
  const headers = { ...(r.opts?.headers ?? {}) };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return call(r.handler, r.method, r.url, { ...r.opts, headers });
}

/** Everything a team owns that the API can touch, for "nothing changed" assertions. */
async function teamState(teamId: string) {
  const order = { orderBy: { id: "asc" as const } };
  return JSON.stringify(
    await Promise.all([
      db.team.findUnique({ where: { id: teamId } }),
      db.site.findMany({ where: { teamId }, ...order }),
      db.run.findMany({ where: { teamId }, ...order }),
      db.runPage.findMany({ where: { teamId }, ...order }),
      db.runLog.findMany({ where: { teamId }, ...order }),
      db.webhookEndpoint.findMany({ where: { teamId }, ...order }),
      db.webhookDelivery.findMany({ where: { teamId }, ...order }),
      db.webhookSigningSecret.findUnique({ where: { teamId } }),
      db.agentPool.findMany({ where: { teamId }, ...order }),
      db.agent.findMany({ where: { teamId }, ...order }),
    ]),
  );
}

async function freeSlots(teamId: string) {
  const active = await db.run.findMany({
    where: { teamId, status: { in: ["queued", "running"] } },
    select: { id: true },
  });
  for (const r of active) await cancelRun(teamId, r.id);
}

/** A site, a queued run (to cancel) and a finished run with pages and log lines. */
async function resources(teamId: string, name: string): Promise<Ids> {
  await freeSlots(teamId);
  const site = await makeSite(teamId, { name });
  const finished = await admitRun({ teamId, siteId: site.id, source: "manual" });
  if (!finished.ok) throw new Error("not admitted");
  await db.run.update({
    where: { id: finished.run.id },
    data: { status: "succeeded", finishedAt: new Date(), pagesDone: 1, pagesChanged: 1 },
  });
  await db.runPage.create({
    data: {
      runId: finished.run.id,
      teamId,
      url: `${site.startUrl}${name}`,
      change: "changed",
      httpStatus: 200,
      diff: `-${name} old\n+${name} new`,
    },
  });
  const queued = await admitRun({ teamId, siteId: site.id, source: "manual" });
  if (!queued.ok) throw new Error("not admitted");
  // One endpoint per team is enough (DELETE removes it; the next call makes another).
  const endpoint =
    (await db.webhookEndpoint.findFirst({ where: { teamId } })) ??
    (await db.webhookEndpoint.create({
      data: { teamId, url: "https://hooks.example.com/x", eventTypes: ["run.failed"] },
    }));
  const pool = await createPool(teamId, { name: `${name}-${Math.random()}` }, { label: "test" });
  const token = await createEnrollmentToken(teamId, pool.id, { label: "test" });
  const agent = await exchangeEnrollmentToken({ token: token.token, name: "a" });
  if (!agent) throw new Error("not enrolled");
  return {
    siteId: site.id,
    runId: queued.run.id,
    finishedRunId: finished.run.id,
    endpointId: endpoint.id,
    poolId: pool.id,
    agentId: agent.agent.id,
  };
}

let A: Awaited<ReturnType<typeof teamWithKey>>;
let B: Awaited<ReturnType<typeof teamWithKey>>;
let fullA = "";
let fullAClientId = "";

beforeAll(async () => {
  A = await teamWithKey("Team A");
  B = await teamWithKey("Team B");
  ({ token: fullA, clientId: fullAClientId } = await bearerFor(A.team.id, ["full"]));
});

describe("the REST API, end to end with a full token", () => {
  it("creates, reads, lists, updates and deletes sites in snake_case", async () => {
    const auth = { authorization: `Bearer ${fullA}` };
    const created = await call(createSite, "POST", "/api/v1/sites", {
      headers: auth,
      body: { name: "Docs", start_url: "https://docs.example.com/#top", max_pages: 20 },
    });
    expect(created.status).toBe(201);
    const { data: site } = (await created.json()) as { data: Record<string, unknown> };
    expect(site).toMatchObject({
      name: "Docs",
      start_url: "https://docs.example.com/",
      max_pages: 20,
      max_depth: 3,
      execution_mode: "cloud",
    });
    const id = String(site.id);

    const invalid = await call(createSite, "POST", "/api/v1/sites", {
      headers: auth,
      body: { name: "", start_url: "ftp://x", max_pages: 9999 },
    });
    expect(invalid.status).toBe(400);
    const { error } = (await invalid.json()) as { error: { fields: Record<string, string[]> } };
    expect(Object.keys(error.fields).sort()).toEqual(["max_pages", "name", "start_url"]);
    const unknown = await call(createSite, "POST", "/api/v1/sites", {
      headers: auth,
      body: { name: "X", start_url: "https://x.test/", startUrl: "camel" },
    });
    expect(unknown.status).toBe(400);

    const patched = await call(patchSite, "PATCH", `/api/v1/sites/${id}`, {
      headers: auth,
      params: { id },
      body: { schedule_kind: "daily" },
    });
    expect(patched.status).toBe(200);
    const after = ((await patched.json()) as { data: Record<string, unknown> }).data;
    expect(after).toMatchObject({ name: "Docs", schedule_kind: "daily" });
    expect(after.next_run_at).toEqual(expect.any(String));
    const badPatch = await call(patchSite, "PATCH", `/api/v1/sites/${id}`, {
      headers: auth,
      params: { id },
      body: { schedule_kind: "cron", schedule_cron: "nope" },
    });
    expect(badPatch.status).toBe(400);
    expect(
      Object.keys(((await badPatch.json()) as { error: { fields: object } }).error.fields),
    ).toEqual(["schedule_cron"]);

    const fetched = await call(getSite, "GET", `/api/v1/sites/${id}`, {
      headers: auth,
      params: { id },
    });
    expect(((await fetched.json()) as { data: { id: string } }).data.id).toBe(id);

    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        listSites,
        "GET",
        `/api/v1/sites?limit=1${cursor ? `&cursor=${cursor}` : ""}`,
        { headers: auth },
      );
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { id: string }[]; next_cursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(1);
      ids.push(...page.data.map((s) => s.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(ids).toContain(id);
    expect(ids).not.toContain(B.site.id);
    expect(new Set(ids).size).toBe(ids.length);

    const deleted = await call(deleteSite, "DELETE", `/api/v1/sites/${id}`, {
      headers: auth,
      params: { id },
    });
    expect(deleted.status).toBe(200);
    const gone = await call(getSite, "GET", `/api/v1/sites/${id}`, {
      headers: auth,
      params: { id },
    });
    expect(gone.status).toBe(404);
    const missing = await call(getSite, "GET", "/api/v1/sites/nosuchsite", {
      headers: auth,
      params: { id: "nosuchsite" },
    });
    expect(missing.status).toBe(404);
  });

  it("starts runs (source api, 429 with Retry-After at the limit), reads, pages, logs and cancels them", async () => {
    await freeSlots(A.team.id);
    const auth = { authorization: `Bearer ${fullA}` };
    const starts = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(startRun, "POST", "/api/v1/runs", { headers: auth, body: { site_id: A.site.id } }),
      ),
    );
    const ok = starts.filter((r) => r.status === 202);
    const limited = starts.filter((r) => r.status === 429);
    expect(ok).toHaveLength(3);
    expect(limited).toHaveLength(3);
    expect(limited[0]?.headers.get("retry-after")).toMatch(/^\d+$/);
    const { data: started } = (await ok[0]?.json()) as { data: { run_id: string; url: string } };
    expect(started.url).toBe(`http://localhost:3000/runs/${started.run_id}`);
    const row = await db.run.findUniqueOrThrow({ where: { id: started.run_id } });
    expect(row.source).toBe("api");
    expect(row.apiClientId).toBe(fullAClientId);

    const got = await call(getRunRoute, "GET", `/api/v1/runs/${started.run_id}`, {
      headers: auth,
      params: { id: started.run_id },
    });
    expect(((await got.json()) as { data: { status: string; source: string } }).data).toMatchObject(
      { status: "queued", source: "api" },
    );
    const list = await call(
      listRunsRoute,
      "GET",
      "/api/v1/runs?source=api&status=queued&limit=100",
      { headers: auth },
    );
    expect(((await list.json()) as { data: unknown[] }).data).toHaveLength(3);

    const cancelled = await call(cancelRunRoute, "POST", `/api/v1/runs/${started.run_id}/cancel`, {
      headers: auth,
      params: { id: started.run_id },
    });
    expect(cancelled.status).toBe(200);
    const again = await call(cancelRunRoute, "POST", `/api/v1/runs/${started.run_id}/cancel`, {
      headers: auth,
      params: { id: started.run_id },
    });
    expect(again.status).toBe(409);

    const logs = await call(runLogs, "GET", `/api/v1/runs/${started.run_id}/logs?limit=1`, {
      headers: auth,
      params: { id: started.run_id },
    });
    const first = (await logs.json()) as { data: { message: string }[]; next_cursor: string };
    expect(first.data[0]?.message).toBe("Queued (api)");
    const next = await call(
      runLogs,
      "GET",
      `/api/v1/runs/${started.run_id}/logs?limit=1&cursor=${first.next_cursor}`,
      { headers: auth, params: { id: started.run_id } },
    );
    expect(((await next.json()) as { data: { message: string }[] }).data[0]?.message).toContain(
      "Cancelled",
    );

    const ids = await resources(A.team.id, "pages");
    const pages = await call(
      runPages,
      "GET",
      `/api/v1/runs/${ids.finishedRunId}/pages?change=changed`,
      { headers: auth, params: { id: ids.finishedRunId } },
    );
    const pageJson = (await pages.json()) as { data: { change: string; diff: string }[] };
    expect(pageJson.data).toHaveLength(1);
    expect(pageJson.data[0]).toMatchObject({ change: "changed", diff: "-pages old\n+pages new" });
    const badQuery = await call(
      runPages,
      "GET",
      `/api/v1/runs/${ids.finishedRunId}/pages?change=weird`,
      { headers: auth, params: { id: ids.finishedRunId } },
    );
    expect(badQuery.status).toBe(400);
  });
});

describe("the team's snapshot retention over the REST API", () => {
  it("reads and sets snapshot_retention_days (null keeps everything); bad values are 400 and change nothing; a read token gets 403", async () => {
    const { team } = await teamWithKey("Retention");
    const { token: full, clientId } = await bearerFor(team.id, ["full"]);
    const auth = { authorization: `Bearer ${full}` };
    const read = async () =>
      (
        (await (await call(getTeam, "GET", "/api/v1/team", { headers: auth })).json()) as {
          data: { snapshot_retention_days: number | null };
        }
      ).data.snapshot_retention_days;
    expect(await read()).toBeNull();

    const set = await call(patchTeam, "PATCH", "/api/v1/team", {
      headers: auth,
      body: { snapshot_retention_days: 30 },
    });
    expect(set.status).toBe(200);
    expect(((await set.json()) as { data: object }).data).toMatchObject({
      snapshot_retention_days: 30,
      name: "Retention",
    });
    expect(await read()).toBe(30);
    expect(
      await db.auditLog.findFirst({
        where: { teamId: team.id, action: "team.updated" },
        orderBy: { createdAt: "desc" },
        select: { actorLabel: true, metadata: true },
      }),
    ).toMatchObject({ actorLabel: `API client ${clientId}`, metadata: { retentionDays: 30 } });

    const before = await teamState(team.id);
    for (const bad of [0, -1, 2.5, 3651, "30", "forever", true]) {
      const res = await call(patchTeam, "PATCH", "/api/v1/team", {
        headers: auth,
        body: { name: "Not applied", snapshot_retention_days: bad },
      });
      expect(res.status, String(bad)).toBe(400);
      const { error } = (await res.json()) as { error: { fields: Record<string, string[]> } };
      expect(Object.keys(error.fields), String(bad)).toEqual(["snapshot_retention_days"]);
    }
    expect(await teamState(team.id)).toBe(before);

    const { token: readOnly } = await bearerFor(team.id, ["read"]);
    const refused = await call(patchTeam, "PATCH", "/api/v1/team", {
      headers: { authorization: `Bearer ${readOnly}` },
      body: { snapshot_retention_days: 7 },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
      "insufficient_scope",
    );
    expect(await teamState(team.id)).toBe(before);

    const forever = await call(patchTeam, "PATCH", "/api/v1/team", {
      headers: auth,
      body: { snapshot_retention_days: null },
    });
    expect(forever.status).toBe(200);
    expect(await read()).toBeNull();
  });
});

describe("tenant isolation: team A's token on team B's resources", () => {
  it("answers 403 on every route that names a B resource, and 2xx only on A's own team elsewhere; B never changes or leaks", async () => {
    const bIds = await resources(B.team.id, "b-resources");
    const before = await teamState(B.team.id);
    const checked: string[] = [];
    for (const route of Object.keys(REQUESTS) as ApiRoute[]) {
      const res = await send(REQUESTS[route](bIds), fullA);
      const text = await res.text();
      if (OWN_TEAM_ONLY.includes(route)) {
        expect(res.status, route).toBeLessThan(300);
        for (const id of Object.values(bIds)) expect(text, route).not.toContain(id);
        expect(text, route).not.toContain(B.team.id);
      } else {
        expect(res.status, route).toBe(403);
        expect(JSON.parse(text), route).toEqual({
          error: {
            code: "forbidden",
            message: "This credential does not have access to that resource.",
          },
        });
      }
      expect(await teamState(B.team.id), route).toBe(before);
      checked.push(route);
    }
    expect(checked.sort()).toEqual(Object.keys(ROUTE_SCOPES).sort());
  });
});

describe("scopes: every route × every scope", () => {
  it("lets a token through only with the route's scope; otherwise 403 naming it, and nothing changes", async () => {
    const tokens = Object.fromEntries(
      await Promise.all(SCOPES.map(async (s) => [s, (await bearerFor(A.team.id, [s])).token])),
    ) as Record<Scope, string>;
    const mutating = (Object.keys(ROUTE_SCOPES) as ApiRoute[]).filter((r) => !r.startsWith("GET "));
    expect(mutating).toHaveLength(17);
    for (const route of Object.keys(ROUTE_SCOPES) as ApiRoute[]) {
      const needed = ROUTE_SCOPES[route];
      for (const scope of SCOPES) {
        const ids = await resources(A.team.id, `${scope}-${route.length}`);
        const before = await teamState(A.team.id);
        const res = await send(REQUESTS[route](ids), tokens[scope]);
        const label = `${scope} → ${route}`;
        if (grants([scope], needed)) {
          expect(res.status, label).toBeLessThan(300);
        } else {
          expect(res.status, label).toBe(403);
          const { error } = (await res.json()) as { error: { code: string; message: string } };
          expect(error.code, label).toBe("insufficient_scope");
          expect(error.message, label).toContain(`"${needed}"`);
          expect(res.headers.get("www-authenticate"), label).toContain("insufficient_scope");
          expect(await teamState(A.team.id), label).toBe(before);
        }
        if (scope === "read" && mutating.includes(route)) expect(res.status, label).toBe(403);
      }
      // And without any token: 401 with the invalid_token challenge.
      const anonymous = await send(REQUESTS[route](await resources(A.team.id, "anon")), null);
      expect(anonymous.status, route).toBe(401);
      expect(anonymous.headers.get("www-authenticate"), route).toContain('error="invalid_token"');
    }
  }, 120_000);
});
