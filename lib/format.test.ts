import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime } from "@/lib/format";

describe("date formatting", () => {
  it("formats in the given time zone, with the zone named", () => {
    const at = "2026-03-01T23:30:00Z";
    expect(formatDate(at)).toBe("Mar 1, 2026");
    expect(formatDateTime(at, "UTC")).toBe("Mar 1, 2026, 11:30 PM UTC");
    expect(formatDateTime(at, "Europe/Berlin")).toBe("Mar 2, 2026, 12:30 AM GMT+1");
  });
});
