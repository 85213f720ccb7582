// The one place a Stripe client is made, from the settings lib/env.ts decides: the secret key,
// and — without STRIPE_SECRET_KEY, locally — the host/port of the Stripe test tool, which the very
// same SDK reaches over HTTP (its host/port/protocol options). Other code receives the client as a
// parameter or calls getStripe(); nothing else constructs Stripe.
import Stripe from "stripe";
import { billingEnv, type BillingEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors";

export type { Stripe };

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
  if (!("host" in billing)) return { secretKey: billing.secretKey };
  return { secretKey: billing.secretKey, host: billing.host, port: billing.port, protocol: "http" };
}

// One client per copy of this module: clients hold no state we depend on (errors are recognised
// by their type, not their class), so two copies in one process each making their own is fine.
let client: Stripe | undefined;

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

/** The process's Stripe client. */
export function getStripe(): Stripe {
  client ??= createStripeClient(stripeTarget(requireBilling()));
  return client;
}

/**
 * "test" when billing runs on a Stripe test key (Stripe's own test mode, or the local test tool):
 * pages say no real charge is made. "stripe" on a live key, null when billing is off.
 */
export function billingMode(): "stripe" | "test" | null {
  const billing = billingEnv();
  if (!billing) return null;
  return /^(sk|rk)_test_/.test(billing.secretKey) ? "test" : "stripe";
}
