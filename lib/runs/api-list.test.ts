// The one run-list query (Kysely, lib/runs/api-list.ts), read by the machine APIs and the
// dashboard alike. Against the real PostgreSQL its pages must be what a plain Prisma read of the
// same rows says: fields, order, UTC timestamps, filters, team scoping and cursor pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { RunSource, RunStatus } from "@/lib/generated/prisma/client";
import { listRunsForApi, type RunListQuery } from "@/lib/runs/api-list";
import { runToJson } from "@/lib/runs/api-view";
import { decodeCursor, pageOf } from "@/lib/api/pagination";
import { listRuns } from "@/lib/runs/queries";
import { makeSite, makeTeam } from "@/test/fixtures";

const STATUSES: RunStatus[] = [
  "queued",
  "running",
  "succeeded",
  "succeeded_with_errors",
  "failed",
  "cancelled",
  "skipped",
];
const SOURCES: RunSource[] = ["manual", "schedule", "ci", "agent_api", "api"];

let teamId = "";
let siteA = "";
let siteB = "";
const previousTz = process.env.TZ;

// The oracle: the same page read with Prisma in this test only.
async function viaPrisma(query: RunListQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db.run.findMany({
    where: {
      teamId,
      ...(query.site_id ? { siteId: query.site_id } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.source ? { source: query.source } : {}),
      ...(after
        ? {
            OR: [
              { createdAt: { lt: after.createdAt } },
              { createdAt: after.createdAt, id: { lt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { site: { select: { id: true, name: true, startUrl: true } } },
  });
  const { items, nextCursor } = pageOf(rows, query.limit);
  return { data: items.map(runToJson), next_cursor: nextCursor };
}

beforeAll(async () => {
  // node-pg reads `timestamp without time zone` as local time: run this file off UTC so a
  // missing AT TIME ZONE 'UTC' would shift every date.
  process.env.TZ = "America/New_York";
  const { team } = await makeTeam("Runs list");
  teamId = team.id;
  siteA = (await makeSite(teamId, { name: "Alpha" })).id;
  siteB = (await makeSite(teamId, { name: "Beta", startUrl: "http://127.0.0.1:9/b" })).id;
  const base = Date.UTC(2026, 0, 15, 12, 0, 0, 0);
  for (let i = 0; i < 24; i++) {
    // Every third pair shares a createdAt (ms precision) so the id tiebreak is exercised.
    const createdAt = new Date(base + Math.floor(i / 2) * 1234 + (i % 3 === 0 ? 0 : i));
    const status = STATUSES[i % STATUSES.length] ?? "queued";
    await db.run.create({
      data: {
        teamId,
        siteId: i % 3 === 0 ? siteB : siteA,
        status,
        source: SOURCES[i % SOURCES.length] ?? "manual",
        commitSha: i % 2 ? `abc${i}` : null,
        branch: i % 2 ? "main" : null,
        pagesPlanned: i,
        pagesDone: i % 5,
        pagesChanged: i % 4,
        pagesErrored: status === "succeeded_with_errors" ? 1 + (i % 3) : 0,
        error: status === "failed" ? `boom ${i}` : null,
        queuedAt: createdAt,
        startedAt: status === "queued" ? null : new Date(createdAt.getTime() + 7),
        finishedAt: ["succeeded", "failed"].includes(status)
          ? new Date(createdAt.getTime() + 987)
          : null,
        createdAt,
      },
    });
  }
  // A deleted site's runs still list (with the site), as they did through Prisma's include.
  await db.site.update({ where: { id: siteB }, data: { deletedAt: new Date() } });
  // Another team's runs never appear.
  const other = await makeTeam("Other");
  const otherSite = await makeSite(other.team.id);
  await db.run.create({ data: { teamId: other.team.id, siteId: otherSite.id, source: "api" } });
});

afterAll(() => {
  process.env.TZ = previousTz;
});

describe("the run-list query (listRunsForApi and the dashboard's listRuns)", () => {
  it("gives the same pages across filters and cursors", async () => {
    const filters: Omit<RunListQuery, "limit" | "cursor">[] = [
      {},
      { site_id: siteA },
      { site_id: siteB },
      { status: "failed" },
      { status: "succeeded_with_errors" },
      { source: "ci" },
      { site_id: siteA, status: "succeeded" },
      { site_id: siteA, source: "manual", status: "queued" },
      { site_id: "nope" },
    ];
    for (const filter of filters) {
      for (const limit of [1, 5, 100]) {
        let cursor: string | undefined;
        let pages = 0;
        const seen: string[] = [];
        do {
          const query = { ...filter, limit, cursor };
          const pg = await listRunsForApi(teamId, query);
          const prisma = await viaPrisma(query);
          expect(pg).toEqual(prisma);
          // The dashboard reads the same query.
          const dashboard = await listRuns(
            teamId,
            { siteId: query.site_id, status: query.status, source: query.source },
            { cursor, limit },
          );
          expect(dashboard.items.map(runToJson)).toEqual(pg.data);
          seen.push(...pg.data.map((r) => r.id));
          cursor = pg.next_cursor ?? undefined;
          pages++;
        } while (cursor && pages < 30);
        expect(new Set(seen).size).toBe(seen.length);
      }
    }
  });

  it("returns every run of the team once, newest first, with UTC timestamps", async () => {
    const first = await listRunsForApi(teamId, { limit: 5 });
    const second = await listRunsForApi(teamId, {
      limit: 5,
      cursor: first.next_cursor ?? undefined,
    });
    expect(first.data).toHaveLength(5);
    expect(second.data).toHaveLength(5);
    const all = await listRunsForApi(teamId, { limit: 100 });
    expect(all.data).toHaveLength(24);
    expect(all.next_cursor).toBeNull();
    expect(all.data.slice(0, 10).map((r) => r.id)).toEqual(
      [...first.data, ...second.data].map((r) => r.id),
    );
    const rows = await db.run.findMany({
      where: { teamId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    expect(all.data.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(all.data.map((r) => r.created_at)).toEqual(rows.map((r) => r.createdAt.toISOString()));
    expect(all.data.at(-1)?.created_at).toBe("2026-01-15T12:00:00.000Z");
    const names = new Set(all.data.map((r) => r.site?.name));
    expect(names).toEqual(new Set(["Alpha", "Beta"]));
  });
});
