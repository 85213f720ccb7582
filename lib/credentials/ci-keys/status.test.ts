import { describe, expect, it } from "vitest";
import { keyExpiresAt, keyStatus, type SubscriptionTimes } from "./status";

const now = new Date("2026-06-01T00:00:00Z");
const later = new Date("2026-07-01T00:00:00Z");
const earlier = new Date("2026-05-01T00:00:00Z");
const sub = (over: Partial<SubscriptionTimes> = {}): SubscriptionTimes => ({
  status: "active",
  trialEnd: null,
  currentPeriodEnd: later,
  endedAt: null,
  ...over,
});

describe("CI key status", () => {
  it("is active until its subscription's current period end, then expired", () => {
    expect(keyStatus({ revokedAt: null, leakedAt: null }, sub(), now)).toBe("active");
    expect(keyExpiresAt(sub())).toEqual(later);
    expect(
      keyStatus({ revokedAt: null, leakedAt: null }, sub({ currentPeriodEnd: earlier }), now),
    ).toBe("expired");
  });

  it("shows trialing during a trial and revoked once revoked, whatever the dates", () => {
    expect(
      keyStatus(
        { revokedAt: null, leakedAt: null },
        sub({ status: "trialing", trialEnd: later }),
        now,
      ),
    ).toBe("trialing");
    expect(keyStatus({ revokedAt: earlier, leakedAt: null }, sub(), now)).toBe("revoked");
  });

  it("keeps a cancel-at-period-end key until the period ends but ends an ended subscription's key at once", () => {
    expect(keyStatus({ revokedAt: null, leakedAt: null }, sub({ status: "active" }), now)).toBe(
      "active",
    );
    expect(keyExpiresAt(sub({ status: "canceled", endedAt: earlier }))).toEqual(earlier);
    expect(
      keyStatus(
        { revokedAt: null, leakedAt: null },
        sub({ status: "canceled", endedAt: earlier }),
        now,
      ),
    ).toBe("expired");
  });

  it("refuses a leaked key until rotated, but says expired or revoked when rotation cannot help", () => {
    const leaked = { revokedAt: null, leakedAt: earlier };
    expect(keyStatus(leaked, sub(), now)).toBe("leaked");
    expect(keyStatus(leaked, sub({ status: "trialing", trialEnd: later }), now)).toBe("leaked");
    expect(keyStatus(leaked, sub({ currentPeriodEnd: earlier }), now)).toBe("expired");
    expect(keyStatus({ ...leaked, revokedAt: earlier }, sub(), now)).toBe("revoked");
  });

  it("grants nothing for a subscription that was never paid for", () => {
    expect(keyExpiresAt(sub({ status: "incomplete" }))).toBeNull();
    expect(keyStatus({ revokedAt: null, leakedAt: null }, sub({ status: "unpaid" }), now)).toBe(
      "expired",
    );
  });
});
