// The one site-list query (Kysely, lib/sites/site-page.ts), read by the REST API and the Sites
// page alike. Against the real PostgreSQL its pages must be what a plain Prisma read (the oracle,
// here only) says — fields, order, UTC timestamps, deleted sites left out, team scoping, cursors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCursor, pageOf, type Cursor } from "@/lib/api/pagination";
import { db } from "@/lib/db";
import { listSitesForApi, siteToJson } from "@/lib/sites/api";
import { listSites } from "@/lib/sites/sites";
import { makeSite, makeTeam } from "@/test/fixtures";

let teamId = "";
const previousTz = process.env.TZ;

async function viaPrisma(page: { cursor?: Cursor; limit: number }) {
  const c = page.cursor;
  const rows = await db.site.findMany({
    where: {
      teamId,
      deletedAt: null,
      ...(c
        ? { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
  });
  const { items, nextCursor } = pageOf(rows, page.limit);
  return { data: items.map(siteToJson), next_cursor: nextCursor };
}

beforeAll(async () => {
  // node-pg reads `timestamp without time zone` as local time: run off UTC so a missing
  // AT TIME ZONE 'UTC' would shift every date.
  process.env.TZ = "Asia/Kolkata";
  const { team } = await makeTeam("Sites list");
  teamId = team.id;
  const base = Date.UTC(2026, 1, 3, 9, 30, 0, 0);
  for (let i = 0; i < 9; i++) {
    const site = await makeSite(teamId, {
      name: `Site ${i}`,
      startUrl: `http://127.0.0.1:9/${i}`,
      includePatterns: i % 2 ? ["/docs/*", "/blog/*"] : [],
      excludePatterns: i % 3 ? ["/admin/*"] : [],
      ...(i % 4 === 1 ? { scheduleKind: "daily" } : {}),
    });
    // Pairs share a createdAt so the id tiebreak is exercised.
    await db.site.update({
      where: { id: site.id },
      data: { createdAt: new Date(base + Math.floor(i / 2) * 1001) },
    });
  }
  const gone = await makeSite(teamId, { name: "Deleted" });
  await db.site.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
  const other = await makeTeam("Other");
  await makeSite(other.team.id, { name: "Not ours" });
});

afterAll(() => {
  process.env.TZ = previousTz;
});

describe("the site-list query (listSitesForApi and the Sites page's listSites)", () => {
  it("gives the same pages for every page size and cursor", async () => {
    for (const limit of [1, 2, 4, 100]) {
      let cursor: string | undefined;
      const seen: string[] = [];
      for (let pages = 0; pages < 20; pages++) {
        const page = { limit, cursor: cursor ? (decodeCursor(cursor) ?? undefined) : undefined };
        const pg = await listSitesForApi(teamId, page);
        expect(pg).toEqual(await viaPrisma(page));
        const dashboard = await listSites(teamId, { cursor, limit });
        expect(dashboard.items.map(siteToJson)).toEqual(pg.data);
        expect(dashboard.nextCursor).toBe(pg.next_cursor);
        seen.push(...pg.data.map((s) => s.id));
        cursor = pg.next_cursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(9);
      expect(new Set(seen).size).toBe(9);
    }
    const all = await listSitesForApi(teamId, { limit: 100 });
    expect(all.data.map((s) => s.name)).not.toContain("Deleted");
    expect(all.data.at(-1)?.created_at).toBe("2026-02-03T09:30:00.000Z");
    expect(all.data.some((s) => s.include_patterns.length === 2)).toBe(true);
    expect(all.data.some((s) => s.schedule_kind === "daily" && s.next_run_at !== null)).toBe(true);
  });
});
