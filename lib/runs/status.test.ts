import { describe, expect, it } from "vitest";
import { crawlOutcome, describeCapacity, RUN_STATUSES } from "@/lib/runs/status";

describe("crawlOutcome", () => {
  it("is succeeded only when every page was fetched", () => {
    expect(crawlOutcome(5, 0)).toBe("succeeded");
    expect(crawlOutcome(5, 1)).toBe("succeeded_with_errors");
    expect(crawlOutcome(5, 4)).toBe("succeeded_with_errors");
  });
  it("is failed when every page failed", () => {
    expect(crawlOutcome(1, 1)).toBe("failed");
    expect(crawlOutcome(3, 3)).toBe("failed");
  });
  it("lists the new status among the filterable ones", () => {
    expect(RUN_STATUSES).toContain("succeeded_with_errors");
  });
});

describe("describeCapacity", () => {
  it("says a team is over its limit, and why, after a downgrade", () => {
    const c = describeCapacity({ active: 3, limit: 1, plan: "free" });
    expect(c.state).toBe("over");
    expect(c.detail).toMatch(/Over the Free plan limit of 1/);
    expect(c.detail).toMatch(/started before the plan changed/);
  });
  it("is full at the limit and ok below it", () => {
    expect(describeCapacity({ active: 3, limit: 3, plan: "paid" }).state).toBe("full");
    expect(describeCapacity({ active: 0, limit: 1, plan: "free" })).toEqual({
      state: "ok",
      detail: null,
    });
  });
});
