// Site rules and team scoping against the real database.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countRunsCapped, listRuns, listRunsTable } from "@/lib/runs/queries";
import { admitRun } from "@/lib/runs/admit-run";
import { createSite, getSite, listSites, siteInputSchema, updateSite } from "@/lib/sites/sites";
import { makeSite, makeTeam } from "@/test/fixtures";

describe("siteInputSchema", () => {
  it("applies defaults and accepts form strings", () => {
    const parsed = siteInputSchema.parse({
      name: " Docs ",
      startUrl: "https://example.com/docs#top",
      maxPages: "120",
      includePatterns: "/docs/*\n/blog/*",
    });
    expect(parsed).toMatchObject({
      name: "Docs",
      startUrl: "https://example.com/docs",
      maxPages: 120,
      maxDepth: 3,
      requestTimeoutMs: 10000,
      includePatterns: ["/docs/*", "/blog/*"],
      excludePatterns: [],
      executionMode: "cloud",
      scheduleKind: "off",
    });
  });

  it.each([
    [{ startUrl: "ftp://example.com/" }, "startUrl", /http/],
    [{ startUrl: "not a url" }, "startUrl", /full URL/],
    [{ startUrl: "javascript:alert(1)" }, "startUrl", /http/],
    [{ maxPages: "501" }, "maxPages", /500/],
    [{ maxPages: "0" }, "maxPages", /at least 1/],
    [{ maxDepth: "11" }, "maxDepth", /10/],
    [{ requestTimeoutMs: "10" }, "requestTimeoutMs", /1,000/],
    [{ includePatterns: "blog" }, "includePatterns.0", /start with \//],
    [{ scheduleKind: "cron", scheduleCron: "61 * * * *" }, "scheduleCron", /valid cron/],
    [{ scheduleKind: "cron", scheduleCron: "* * *" }, "scheduleCron", /five fields/],
    [{ scheduleKind: "monthly" }, "scheduleKind", /Choose/],
    [{ executionMode: "agent" }, "agentPoolId", /agent pool/],
  ])("rejects %j with a field error", (patch, field, message) => {
    const res = siteInputSchema.safeParse({ name: "x", startUrl: "https://a.test/", ...patch });
    expect(res.success).toBe(false);
    const issue = res.error?.issues.find((i) => i.path.join(".") === field);
    expect(issue?.message).toMatch(message);
  });
});

describe("sites", () => {
  it("writes nothing on bad input", async () => {
    const { team } = await makeTeam();
    const res = await createSite(team.id, { name: "", startUrl: "gopher://x" });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(Object.keys(res.fieldErrors).sort()).toEqual(["name", "startUrl"]);
    expect(await db.site.count({ where: { teamId: team.id } })).toBe(0);
  });

  it("computes the next scheduled run in the team's time zone", async () => {
    const { team } = await makeTeam();
    await db.team.update({ where: { id: team.id }, data: { timeZone: "Asia/Tokyo" } });
    const site = await makeSite(team.id, { scheduleKind: "daily" });
    expect(site.nextRunAt).toBeInstanceOf(Date);
    // Daily runs at 09:00 Tokyo = 00:00 UTC.
    expect(site.nextRunAt?.getUTCHours()).toBe(0);
    const off = await updateSite(team.id, site.id, { scheduleKind: "off" });
    expect(off.ok && off.site.nextRunAt).toBeNull();
  });

  it("updates a subset of fields and rejects an invalid merge", async () => {
    const { team } = await makeTeam();
    const site = await makeSite(team.id);
    const res = await updateSite(team.id, site.id, { maxPages: 200 });
    expect(res.ok && res.site.maxPages).toBe(200);
    expect(res.ok && res.site.name).toBe("Example");
    const bad = await updateSite(team.id, site.id, { scheduleKind: "cron", scheduleCron: "nope" });
    expect(bad.ok).toBe(false);
    expect((await getSite(team.id, site.id))?.scheduleKind).toBe("off");
  });

  it("never shows or changes another team's site", async () => {
    const a = await makeTeam();
    const b = await makeTeam();
    const site = await makeSite(a.team.id);
    expect(await getSite(b.team.id, site.id)).toBeNull();
    expect(await updateSite(b.team.id, site.id, { name: "stolen" })).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect((await listSites(b.team.id)).items).toHaveLength(0);
    expect((await listSites(a.team.id)).items.map((s) => s.id)).toEqual([site.id]);
  });
});

describe("run queries", () => {
  it("pages by cursor without gaps or repeats and filters by team", async () => {
    const { team } = await makeTeam();
    const site = await makeSite(team.id);
    const createdAt = new Date();
    for (let i = 0; i < 7; i++)
      await db.run.create({
        data: {
          teamId: team.id,
          siteId: site.id,
          source: "manual",
          status: "succeeded",
          createdAt,
        },
      });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRuns(team.id, {}, { cursor, limit: 3 });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const other = await makeTeam();
    expect((await listRuns(other.team.id, {}, { limit: 10 })).items).toHaveLength(0);
    const first = await listRunsTable(team.id, { status: "succeeded" }, { pageSize: 5 });
    expect(first).toMatchObject({ total: { count: 7, more: false }, prevCursor: null });
    expect(first.items.map((r) => r.id)).toEqual(seen.slice(0, 5));
    const second = await listRunsTable(
      team.id,
      { status: "succeeded" },
      { pageSize: 5, after: first.nextCursor ?? "" },
    );
    expect(second.items.map((r) => r.id)).toEqual(seen.slice(5));
    expect(second.nextCursor).toBeNull();
    // Previous from the second page is the first page again, in the same order.
    const back = await listRunsTable(
      team.id,
      { status: "succeeded" },
      { pageSize: 5, before: second.prevCursor ?? "" },
    );
    expect(back.items.map((r) => r.id)).toEqual(seen.slice(0, 5));
    expect(back.prevCursor).toBeNull();
    expect(back.nextCursor).not.toBeNull();
    // Oldest first walks the same runs the other way.
    const oldest = await listRunsTable(team.id, {}, { pageSize: 10, dir: "asc" });
    expect(oldest.items.map((r) => r.id)).toEqual([...seen].reverse());
    const res = await admitRun({ teamId: team.id, siteId: site.id, source: "manual" });
    expect(res.ok).toBe(true);
    expect((await listRuns(team.id, { status: "queued" }, { limit: 10 })).items).toHaveLength(1);
  });

  it("counts runs up to 1,000 for every filter combination, and only the team's", async () => {
    const { team } = await makeTeam();
    const [site, other] = [await makeSite(team.id), await makeSite(team.id)];
    // 1,200 runs on `site`: every 3rd failed, every 4th from CI; 5 on `other`.
    await db.$executeRaw`
      INSERT INTO "Run" (id, "teamId", "siteId", status, source, "queuedAt", "createdAt", "updatedAt")
      SELECT 'cap' || ${site.id} || g, ${team.id}, ${site.id},
        (CASE WHEN g % 3 = 0 THEN 'failed' ELSE 'succeeded' END)::"RunStatus",
        (CASE WHEN g % 4 = 0 THEN 'ci' ELSE 'schedule' END)::"RunSource",
        now(), now() - g * interval '1 minute', now()
      FROM generate_series(1, 1200) g`;
    for (let i = 0; i < 5; i++)
      await db.run.create({
        data: { teamId: team.id, siteId: other.id, source: "ci", status: "failed" },
      });
    const cases: [Parameters<typeof countRunsCapped>[1], { count: number; more: boolean }][] = [
      [{}, { count: 1000, more: true }],
      [{ siteId: site.id }, { count: 1000, more: true }],
      [{ status: "failed" }, { count: 405, more: false }],
      [{ source: "ci" }, { count: 305, more: false }],
      [
        { status: "succeeded", source: "schedule" },
        { count: 600, more: false },
      ],
      [
        { siteId: site.id, status: "succeeded" },
        { count: 800, more: false },
      ],
      [
        { siteId: site.id, source: "schedule" },
        { count: 900, more: false },
      ],
      [
        { siteId: site.id, status: "failed", source: "ci" },
        { count: 100, more: false },
      ],
      [
        { siteId: other.id, status: "failed", source: "ci" },
        { count: 5, more: false },
      ],
      [
        { siteId: other.id, status: "succeeded" },
        { count: 0, more: false },
      ],
    ];
    for (const [filters, expected] of cases)
      expect(await countRunsCapped(team.id, filters), JSON.stringify(filters)).toEqual(expected);
    expect(await countRunsCapped((await makeTeam()).team.id, { siteId: site.id })).toEqual({
      count: 0,
      more: false,
    });
  });
});
