// The route itself: raw body limits and refusals before any Stripe call.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_WEBHOOK_SECRET, sign } from "@/lib/billing/testing";

let POST: (req: NextRequest) => Response | Promise<Response>;

beforeAll(async () => {
  // Test mode (local APP_URL, no Stripe keys) with a known webhook secret.
  process.env.STRIPE_WEBHOOK_SECRET = TEST_WEBHOOK_SECRET;
  delete process.env.STRIPE_SECRET_KEY;
  ({ POST } = await import("./route"));
});

const call = (body: string, headers: Record<string, string> = {}) =>
  Promise.resolve(
    POST(
      new NextRequest("http://localhost:3000/api/stripe/webhook", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", ...headers },
      }),
    ),
  );

describe("POST /api/stripe/webhook", () => {
  it("answers 400 to an unsigned body and a signed non-JSON body", async () => {
    const unsigned = await call(JSON.stringify({ id: "evt_1", type: "invoice.paid" }));
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toMatchObject({ error: { code: "missing_signature" } });
    const text = "<html>not json</html>";
    const res = await call(text, { "stripe-signature": sign(text) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_json" } });
  });

  it("refuses a huge body with 413 before verifying anything", async () => {
    const huge = JSON.stringify({ id: "evt_big", pad: "x".repeat(600 * 1024) });
    const res = await call(huge, { "stripe-signature": sign(huge) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("never echoes the signature or secret in its answer", async () => {
    const body = JSON.stringify({ id: "evt_x" });
    const res = await call(body, { "stripe-signature": `t=1,v1=${"a".repeat(64)}` });
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text).not.toContain(TEST_WEBHOOK_SECRET);
    expect(text).not.toContain("a".repeat(64));
  });
});
