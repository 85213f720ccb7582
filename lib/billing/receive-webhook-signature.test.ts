// Signature checks of the webhook receiver that do not depend on which copy of the Stripe SDK made
// the client, and the timestamp tolerance applied in both directions. Events here are of a type we
// do not handle, so an accepted one answers 200 "ignored" and a refused one 400 without any write.
import { createRequire } from "node:module";
import { describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log";
import { receiveStripeWebhook, SIGNATURE_TOLERANCE_SECONDS } from "./receive-webhook";
import { LOCAL_STRIPE_TEST_KEY as TEST_MODE_API_KEY } from "@/lib/env";
import { createStripeClient, type Stripe } from "./stripe";
import { sign, TEST_WEBHOOK_SECRET } from "./testing";

const payload = JSON.stringify({
  id: "evt_signature_tolerance_0001",
  object: "event",
  type: "charge.dispute.created",
  data: { object: { id: "dp_1", object: "dispute" } },
});
const now = () => Math.floor(Date.now() / 1000);

const receiveWith = (stripe: Stripe, signature: string) =>
  receiveStripeWebhook({ payload, signature, secret: TEST_WEBHOOK_SECRET, stripe });

/**
 * A client built from the SDK's CommonJS build while this file imports its ES module build: two
 * copies of the SDK in one process, as when a billing page created the shared client under Next's
 * bundling and the webhook route checks errors against its own copy.
 */
function clientFromOtherSdkCopy(): Stripe {
  const require = createRequire(import.meta.url);
  const OtherStripe = require("stripe") as new (key: string) => Stripe;
  return new OtherStripe(TEST_MODE_API_KEY);
}

describe("webhook signature across SDK copies", () => {
  it("refuses a forged signature with 400 (not a thrown error) when the client is another SDK copy", async () => {
    const warn = vi.spyOn(logger, "warn");
    const other = clientFromOtherSdkCopy();
    const forged = await receiveWith(other, "t=1,v1=00");
    const stale = await receiveWith(other, sign(payload, { timestamp: now() - 600 }));
    for (const result of [forged, stale]) {
      expect(result).toMatchObject({ status: 400, body: { error: { code: "invalid_signature" } } });
    }
    // The refusal is one short warning with a reason, never an error object with its stack.
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).not.toContain("    at ");
    expect(logged).not.toContain("stack");
    warn.mockRestore();
  });

  it("accepts a correctly signed event whichever SDK copy made the client", async () => {
    for (const stripe of [clientFromOtherSdkCopy(), createStripeClient({ secretKey: "sk_x" })]) {
      expect((await receiveWith(stripe, sign(payload))).status).toBe(200);
    }
  });
});

describe("webhook timestamp tolerance in both directions", () => {
  const stripe = createStripeClient({ secretKey: TEST_MODE_API_KEY });
  const cases = [
    ["a year in the future", 365 * 24 * 3600, 400],
    ["just past the tolerance ahead", SIGNATURE_TOLERANCE_SECONDS + 60, 400],
    ["just past the tolerance behind", -(SIGNATURE_TOLERANCE_SECONDS + 60), 400],
    ["a minute ahead (clock skew)", 60, 200],
    ["a minute behind", -60, 200],
  ] as const;
  it.each(cases)("a timestamp %s answers %i", async (_name, offset, status) => {
    const result = await receiveWith(stripe, sign(payload, { timestamp: now() + offset }));
    expect(result.status).toBe(status);
    if (status === 400) expect(result.body).toMatchObject({ error: { code: "invalid_signature" } });
  });
});
