import { describe, expect, it } from "vitest";
import { cronError, describeSchedule, nextRuns } from "@/lib/schedules/schedule";

describe("schedules", () => {
  it("validates cron expressions", () => {
    expect(cronError("*/15 9-17 * * 1-5")).toBeNull();
    expect(cronError("")).toMatch(/Enter/);
    expect(cronError("* * * *")).toMatch(/five fields/);
    expect(cronError("0 25 * * *")).toMatch(/valid cron/);
    expect(cronError("0 0 31 2 *")).not.toBeNull();
  });

  it("gives the next three times in the team's time zone", () => {
    const from = new Date("2026-03-02T10:30:00Z"); // a Monday
    const times = nextRuns({ kind: "daily" }, "America/New_York", 3, from);
    expect(times.map((t) => t.toISOString())).toEqual([
      "2026-03-02T14:00:00.000Z",
      "2026-03-03T14:00:00.000Z",
      "2026-03-04T14:00:00.000Z",
    ]);
    expect(nextRuns({ kind: "off" }, "UTC")).toEqual([]);
    expect(nextRuns({ kind: "hourly" }, "UTC", 2, from).map((t) => t.toISOString())).toEqual([
      "2026-03-02T11:00:00.000Z",
      "2026-03-02T12:00:00.000Z",
    ]);
  });

  it("describes schedules in words", () => {
    expect(describeSchedule({ kind: "off" })).toBe("Off");
    expect(describeSchedule({ kind: "cron", cron: "0 9 * * 1-5" })).toMatch(/09:00.*Monday/);
    expect(describeSchedule({ kind: "weekly" })).toMatch(/^Weekly — /);
  });
});
