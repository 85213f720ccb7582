import { describe, expect, it } from "vitest";
import { billingEnv, parseEnv } from "@/lib/env";

const base = { DATABASE_URL: "postgresql://x@127.0.0.1/x", AUTH_SECRET: "s" };

describe("billing mode", () => {
  it("is the built-in test mode without keys on a local URL, with a derived webhook secret", () => {
    const billing = billingEnv(parseEnv({ ...base, APP_URL: "http://localhost:3000" }));
    expect(billing).toMatchObject({ mode: "test", host: "127.0.0.1", port: 12111 });
    expect(billing?.webhookSecret).toMatch(/^whsec_/);
    expect(billing?.priceLookupKey).toBe("signal_diff_paid_monthly");
  });

  it("makes test mode impossible once a Stripe key is configured", () => {
    const billing = billingEnv(
      parseEnv({
        ...base,
        APP_URL: "http://localhost:3000",
        STRIPE_SECRET_KEY: "sk_test_abc",
        STRIPE_WEBHOOK_SECRET: "whsec_abc",
        STRIPE_TEST_MODE_PORT: "4444",
      }),
    );
    expect(billing).toEqual({
      mode: "stripe",
      secretKey: "sk_test_abc",
      webhookSecret: "whsec_abc",
      priceLookupKey: "signal_diff_paid_monthly",
    });
  });

  it("switches billing off on a public URL without keys, and refuses half a configuration", () => {
    expect(billingEnv(parseEnv({ ...base, APP_URL: "https://signaldiff.example" }))).toBeNull();
    expect(() =>
      billingEnv(
        parseEnv({ ...base, APP_URL: "https://x.example", STRIPE_SECRET_KEY: "sk_live_1" }),
      ),
    ).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() =>
      billingEnv(parseEnv({ ...base, STRIPE_SECRET_KEY: "pk_live_1", STRIPE_WEBHOOK_SECRET: "w" })),
    ).toThrow(/secret key/);
  });
});
