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
