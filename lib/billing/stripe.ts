// The one place a Stripe client is made: real Stripe with STRIPE_SECRET_KEY, otherwise the
// built-in test-mode server, reached by the very same SDK over HTTP (its host/port/protocol
// options). Other code receives the client as a parameter or calls getStripe(); nothing else
// constructs Stripe.
import Stripe from "stripe";
import { billingEnv, type BillingEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors";

export type { Stripe };

/** The API key the test-mode server accepts. It is not a secret: the server only runs locally. */
export const TEST_MODE_API_KEY = "sk_test_signal_diff_local_test_mode";

export type StripeTarget =
  | { secretKey: string }
  | { secretKey: string; host: string; port: number; protocol: "http" | "https" };

/** A Stripe client for a target (tests point it at a local server). */
export function createStripeClient(target: StripeTarget): Stripe {
  const network =
    "host" in target ? { host: target.host, port: target.port, protocol: target.protocol } : {};
  return new Stripe(target.secretKey, {
    ...network,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "Signal Diff" },
  });
}

export function stripeTarget(billing: BillingEnv): StripeTarget {
  if (billing.mode === "stripe") return { secretKey: billing.secretKey };
  return { secretKey: TEST_MODE_API_KEY, host: billing.host, port: billing.port, protocol: "http" };
}

const globalForStripe = globalThis as unknown as { signalDiffStripe?: Stripe };

/** Billing settings, or a DomainError a person can read when billing is switched off. */
export function requireBilling(): BillingEnv {
  const billing = billingEnv();
  if (!billing) {
    throw new DomainError("Billing is not configured on this deployment.", {
      code: "billing_unavailable",
    });
  }
  return billing;
}

/** The process's Stripe client (real Stripe, or the built-in test mode). */
export function getStripe(): Stripe {
  globalForStripe.signalDiffStripe ??= createStripeClient(stripeTarget(requireBilling()));
  return globalForStripe.signalDiffStripe;
}

/** "stripe", "test" (built-in test mode) or null (billing off). */
export function billingMode(): BillingEnv["mode"] | null {
  return billingEnv()?.mode ?? null;
}

/** Test-mode pages and actions call this first: they must not exist next to real Stripe keys. */
export function assertTestMode(): Extract<BillingEnv, { mode: "test" }> {
  const billing = billingEnv();
  if (billing?.mode !== "test") {
    throw new DomainError("Test mode is not available on this deployment.", {
      code: "not_found",
    });
  }
  return billing;
}
