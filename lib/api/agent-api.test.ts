// The Agent API (GET /agent/runs, GET /agent/runs/{id}, POST /agent/scans,
// POST /agent/runs/{id}/cancel, GET /agent/sites) with the CI key, against real PostgreSQL.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as cancelAgentRun } from "@/app/agent/runs/[id]/cancel/route";
import { GET as getAgentRun } from "@/app/agent/runs/[id]/route";
import { GET as listAgentRuns } from "@/app/agent/runs/route";
import { POST as scan } from "@/app/agent/scans/route";
import { GET as listAgentSites } from "@/app/agent/sites/route";
import { db } from "@/lib/db";
import { admitRun } from "@/lib/runs/admit-run";
import { cancelRun } from "@/lib/runs/cancel";
import { makeSite } from "@/test/fixtures";
import { call, snapshot, teamWithKey } from "@/test/machine-api";

type RunJson = { id: string; site_id: string; status: string; source: string; counts: object };

let a: Awaited<ReturnType<typeof teamWithKey>>;
let b: Awaited<ReturnType<typeof teamWithKey>>;
let finishedIds: string[] = [];
let bRunId = "";

async function finishedRun(teamId: string, siteId: string, source: "manual" | "ci" = "manual") {
  const res = await admitRun({ teamId, siteId, source });
  if (!res.ok) throw new Error("not admitted");
  await cancelRun(teamId, res.run.id);
  return res.run.id;
}

beforeAll(async () => {
  a = await teamWithKey("Agent A");
  b = await teamWithKey("Agent B");
  const second = await makeSite(a.team.id, { name: "Second" });
  finishedIds = [];
  for (let i = 0; i < 5; i++) finishedIds.push(await finishedRun(a.team.id, a.site.id));
  finishedIds.push(await finishedRun(a.team.id, second.id, "ci"));
  const done = await db.run.update({
    where: { id: finishedIds[0] },
    data: { status: "succeeded", pagesDone: 2, pagesChanged: 1, pagesUnchanged: 1 },
  });
  const content = await db.pageContent.create({
    data: { teamId: a.team.id, hash: "h-secret", text: "secret page text stays out of the API" },
  });
  // The pricing page's text is named by the run's page set (what a crawl found), as a worker
  // stores it; the page rows hold what is particular to this run.
  await db.pageSet.create({
    data: {
      id: "ps-agent-api-test",
      teamId: a.team.id,
      hash: "h-set",
      pageCount: 1,
      entries: {
        create: [
          {
            position: 0,
            url: "http://127.0.0.1:9/pricing",
            depth: 1,
            httpStatus: 200,
            contentId: content.id,
          },
        ],
      },
      runs: { connect: { id: done.id } },
    },
  });
  await db.runPage.createMany({
    data: [
      {
        runId: done.id,
        teamId: a.team.id,
        url: "http://127.0.0.1:9/",
        change: "unchanged",
        httpStatus: 200,
      },
      {
        runId: done.id,
        teamId: a.team.id,
        url: "http://127.0.0.1:9/pricing",
        change: "changed",
        httpStatus: 200,
        diff: "-$10\n+$12",
      },
    ],
  });
  bRunId = await finishedRun(b.team.id, b.site.id);
});

const key = () => ({ "x-ci-api-key": a.secret });

describe("GET /agent/runs", () => {
  it("lists only the key's team's runs, newest first, with cursor pages", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/agent/runs?limit=4${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await call(listAgentRuns, "GET", url, { headers: key() });
      expect(res.status).toBe(200);
      const json = (await res.json()) as { data: RunJson[]; next_cursor: string | null };
      expect(json.data.length).toBeLessThanOrEqual(4);
      seen.push(...json.data.map((r) => r.id));
      cursor = json.next_cursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...finishedIds].sort());
    expect(seen).not.toContain(bRunId);
  });

  it("filters by site_id, status and source, and accepts Authorization: Bearer sck_…", async () => {
    const headers = { authorization: `Bearer ${a.secret}` };
    const bySite = await call(listAgentRuns, "GET", `/agent/runs?site_id=${a.site.id}`, {
      headers,
    });
    expect(((await bySite.json()) as { data: RunJson[] }).data).toHaveLength(5);
    const bySource = await call(listAgentRuns, "GET", "/agent/runs?source=ci", { headers });
    expect(((await bySource.json()) as { data: RunJson[] }).data.map((r) => r.source)).toEqual([
      "ci",
    ]);
    const byStatus = await call(listAgentRuns, "GET", "/agent/runs?status=succeeded", { headers });
    expect(((await byStatus.json()) as { data: RunJson[] }).data.map((r) => r.id)).toEqual([
      finishedIds[0],
    ]);
    const otherSite = await call(listAgentRuns, "GET", `/agent/runs?site_id=${b.site.id}`, {
      headers,
    });
    expect(((await otherSite.json()) as { data: RunJson[] }).data).toEqual([]);
  });

  it("answers 400 for a bad limit, status, cursor or unknown parameter", async () => {
    for (const q of ["limit=101", "limit=0", "limit=abc", "status=done", "cursor=%%%", "x=1"]) {
      const res = await call(listAgentRuns, "GET", `/agent/runs?${q}`, { headers: key() });
      expect(res.status, q).toBe(400);
    }
  });
});

describe("GET /agent/sites", () => {
  it("lists only the key's team's sites in cursor pages; no key or a bad cursor is refused", async () => {
    const first = await call(listAgentSites, "GET", "/agent/sites?limit=1", { headers: key() });
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { data: { id: string }[]; next_cursor: string | null };
    expect(page1.data).toHaveLength(1);
    expect(page1.next_cursor).toBeTruthy();
    const rest = await call(
      listAgentSites,
      "GET",
      `/agent/sites?limit=10&cursor=${page1.next_cursor}`,
      { headers: { authorization: `Bearer ${a.secret}` } },
    );
    const page2 = (await rest.json()) as { data: { id: string }[]; next_cursor: string | null };
    const ids = [...page1.data, ...page2.data].map((s) => s.id);
    expect(ids).toHaveLength(2);
    expect(ids).toContain(a.site.id);
    expect(ids).not.toContain(b.site.id);
    expect(page2.next_cursor).toBeNull();
    expect((await call(listAgentSites, "GET", "/agent/sites")).status).toBe(401);
    const bad = await call(listAgentSites, "GET", "/agent/sites?cursor=nope!", { headers: key() });
    expect(bad.status).toBe(400);
  });
});

describe("GET /agent/runs/{id}", () => {
  it("shows status, counts and per-page changes — changed pages first, never page text", async () => {
    const id = finishedIds[0] ?? "";
    const res = await call(getAgentRun, "GET", `/agent/runs/${id}`, {
      headers: key(),
      params: { id },
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: RunJson & { pages: { url: string; change: string; diff: string | null }[] };
    };
    expect(data.status).toBe("succeeded");
    expect(data.counts).toMatchObject({ done: 2, changed: 1, unchanged: 1 });
    expect(data.pages.map((p) => [p.url, p.change])).toEqual([
      ["http://127.0.0.1:9/pricing", "changed"],
      ["http://127.0.0.1:9/", "unchanged"],
    ]);
    expect(data.pages[0]?.diff).toBe("-$10\n+$12");
    expect(JSON.stringify(data)).not.toContain("secret page text");
  });

  it("answers another team's run exactly like a run that does not exist (404)", async () => {
    const other = await snapshot(
      await call(getAgentRun, "GET", `/agent/runs/${bRunId}`, {
        headers: key(),
        params: { id: bRunId },
      }),
    );
    const none = await snapshot(
      await call(getAgentRun, "GET", "/agent/runs/nope", {
        headers: key(),
        params: { id: "nope" },
      }),
    );
    expect(other.status).toBe(404);
    expect(other).toEqual(none);
  });
});

describe("POST /agent/scans and POST /agent/runs/{id}/cancel", () => {
  it("starts a scan with source agent_api and cancels it; a second cancel is 409", async () => {
    const res = await call(scan, "POST", "/agent/scans", {
      headers: key(),
      body: { site_id: a.site.id, branch: "release" },
    });
    expect(res.status).toBe(202);
    const { run_id } = (await res.json()) as { run_id: string };
    const run = await db.run.findUniqueOrThrow({ where: { id: run_id } });
    expect(run).toMatchObject({ source: "agent_api", ciApiKeyId: a.keyId, branch: "release" });

    const cancel = () =>
      call(cancelAgentRun, "POST", `/agent/runs/${run_id}/cancel`, {
        headers: key(),
        params: { id: run_id },
      });
    const first = await cancel();
    expect(first.status).toBe(200);
    expect(((await first.json()) as { data: RunJson }).data.status).toBe("cancelled");
    expect((await cancel()).status).toBe(409);
  });

  it("cannot cancel another team's run (404, and the run is untouched)", async () => {
    const started = await admitRun({ teamId: b.team.id, siteId: b.site.id, source: "manual" });
    if (!started.ok) throw new Error("not admitted");
    const res = await call(cancelAgentRun, "POST", `/agent/runs/${started.run.id}/cancel`, {
      headers: key(),
      params: { id: started.run.id },
    });
    expect(res.status).toBe(404);
    const after = await db.run.findUniqueOrThrow({ where: { id: started.run.id } });
    expect(after.status).toBe("queued");
    await cancelRun(b.team.id, started.run.id);
  });

  it("a scan of another team's site is 404 and the same 400/415 rules as the trigger apply", async () => {
    const other = await call(scan, "POST", "/agent/scans", {
      headers: key(),
      body: { site_id: b.site.id },
    });
    expect(other.status).toBe(404);
    const bad = await call(scan, "POST", "/agent/scans", { headers: key(), body: { nope: 1 } });
    expect(bad.status).toBe(400);
    const text = await call(scan, "POST", "/agent/scans", {
      headers: { ...key(), "content-type": "text/plain" },
      body: "hi",
    });
    expect(text.status).toBe(415);
  });
});

describe("runs with pages that could not be fetched", () => {
  it("show status succeeded_with_errors and pages_failed, and filter by that status", async () => {
    const id = await finishedRun(a.team.id, a.site.id);
    await db.run.update({
      where: { id },
      data: { status: "succeeded_with_errors", pagesDone: 3, pagesUnchanged: 2, pagesErrored: 1 },
    });
    const res = await call(getAgentRun, "GET", `/agent/runs/${id}`, {
      headers: key(),
      params: { id },
    });
    const { data } = (await res.json()) as { data: RunJson & { pages_failed: number } };
    expect(data).toMatchObject({ status: "succeeded_with_errors", pages_failed: 1 });
    const list = await call(listAgentRuns, "GET", "/agent/runs?status=succeeded_with_errors", {
      headers: key(),
    });
    const rows = ((await list.json()) as { data: (RunJson & { pages_failed: number })[] }).data;
    expect(rows.map((r) => [r.id, r.pages_failed])).toEqual([[id, 1]]);
  });
});
