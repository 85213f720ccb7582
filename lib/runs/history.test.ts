import { describe, expect, it } from "vitest";
import { summariseHistory, type HistoryPoint } from "@/lib/runs/history";

const point = (over: Partial<HistoryPoint>): HistoryPoint => ({
  id: "r",
  at: "2026-11-30T10:00:00.000Z",
  status: "succeeded",
  siteName: "Docs",
  durationS: 10,
  changed: 0,
  failedPages: 0,
  ...over,
});

describe("summariseHistory", () => {
  it("states the window, median duration, changes and failures in words", () => {
    const s = summariseHistory([
      point({ durationS: 4 }),
      point({ durationS: 10, changed: 3 }),
      point({ durationS: 30, status: "failed", failedPages: 2 }),
      point({ durationS: 8, status: "succeeded_with_errors", changed: 1, failedPages: 1 }),
      point({ durationS: null, status: "cancelled" }),
    ]);
    expect(s).toMatchObject({
      runs: 5,
      medianDurationS: 9,
      runsWithChanges: 2,
      failed: 1,
      withErrors: 1,
    });
    expect(s.text).toBe(
      "Last 5 finished runs (at most 50, within 30 days), median duration 9.0 s, 2 with changed pages, 1 failed, 1 succeeded with errors.",
    );
  });
  it("says so when there is nothing to chart", () => {
    expect(summariseHistory([]).text).toBe("No finished runs in the last 30 days.");
  });
});

describe("getRunHistory", () => {
  it("is bounded: at most 50 finished runs within 30 days, of this team (and site), oldest first", async () => {
    const { db } = await import("@/lib/db");
    const { getRunHistory } = await import("@/lib/runs/history");
    const { makeSite, makeTeam } = await import("@/test/fixtures");
    const { team } = await makeTeam("History");
    const other = await makeTeam("Other history");
    const site = await makeSite(team.id, { name: "Chart" });
    const second = await makeSite(team.id, { name: "Second" });
    const otherSite = await makeSite(other.team.id);
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    // 70 finished runs, one every 12 hours (35 days back), plus runs the chart must leave out.
    await db.run.createMany({
      data: Array.from({ length: 70 }, (_, i) => ({
        teamId: team.id,
        siteId: site.id,
        source: "manual" as const,
        status: i % 10 === 0 ? ("failed" as const) : ("succeeded" as const),
        createdAt: hoursAgo(12 * (70 - i)),
        startedAt: hoursAgo(12 * (70 - i)),
        finishedAt: new Date(hoursAgo(12 * (70 - i)).getTime() + 4_000),
        pagesChanged: i % 3,
      })),
    });
    await db.run.createMany({
      data: [
        { teamId: team.id, siteId: site.id, source: "manual", status: "queued" },
        { teamId: team.id, siteId: site.id, source: "schedule", status: "skipped" },
        { teamId: team.id, siteId: second.id, source: "manual", status: "succeeded" },
        { teamId: other.team.id, siteId: otherSite.id, source: "manual", status: "succeeded" },
      ],
    });
    const points = await getRunHistory(team.id, { siteId: site.id, now });
    expect(points).toHaveLength(50);
    const times = points.map((p) => Date.parse(p.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(now.getTime() - 30 * 86_400_000);
    expect(points.every((p) => p.durationS === 4)).toBe(true);
    expect(points.some((p) => p.status === "failed")).toBe(true);
    // Team-wide: the other site's run counts, never another team's, never queued or skipped.
    const team50 = await getRunHistory(team.id, { now });
    expect(team50).toHaveLength(50);
    expect(team50.at(-1)?.siteName).toBe("Second");
    expect(team50.every((p) => p.status === "succeeded" || p.status === "failed")).toBe(true);
  });
});
