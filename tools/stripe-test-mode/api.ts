// The Stripe API part of the tool: answers the `/v1/…` requests Signal Diff makes, so the real
// Stripe SDK (pointed here with its host/port/protocol options) runs its real request path.
// Idempotency-Key works as at Stripe: a repeated key returns the first response, a key reused with
// other parameters is refused, and requests sharing a key run one at a time.
import { createHash } from "node:crypto";
import {
  createCheckoutSession,
  createCustomer,
  createPortalSession,
  ensurePrice,
  listSubscriptions,
  publicView,
  retrieve,
} from "./engine";
import { createSubscription } from "./create-subscription";
import { changeSubscription } from "./subscription-changes";
import type { FormObject } from "./form";
import { getObject, putObject, serialize, TestModeError, type StripeObject } from "./store";

export type ApiContext = {
  /** Origin of this tool, for the hosted checkout and portal URLs the sessions carry. */
  publicUrl: string;
  priceLookupKey: string;
  /** Receives the events an API write caused, after the response (as Stripe sends them). */
  onEvents: (events: StripeObject[]) => void;
};

function list(url: string, data: unknown[]) {
  return { object: "list", url, has_more: false, data };
}

async function route(method: string, path: string, params: FormObject, ctx: ApiContext) {
  const parts = path.split("/").filter(Boolean); // ["v1", ...]
  const [, a, b, c] = parts;
  const is = (m: string, n: number) => method === m && parts.length === n;
  const emit = (events: StripeObject[]) => setImmediate(() => ctx.onEvents(events));
  if (a === "customers" && is("POST", 2)) return createCustomer(params);
  if (a === "customers" && is("GET", 3) && b) return retrieve("customer", b);
  if (a === "prices" && is("GET", 2)) {
    const keys = Array.isArray(params.lookup_keys) ? params.lookup_keys : [];
    // The tool sells one price, created on first use under the configured lookup key.
    const price = await ensurePrice(ctx.priceLookupKey);
    return list(
      "/v1/prices",
      keys.includes(ctx.priceLookupKey) || keys.length === 0 ? [price] : [],
    );
  }
  if (a === "checkout" && b === "sessions" && is("POST", 3))
    return publicView(await createCheckoutSession(params, ctx.publicUrl));
  if (a === "checkout" && b === "sessions" && is("GET", 4) && c)
    return publicView(await retrieve("checkout.session", c));
  if (a === "subscriptions" && is("POST", 2)) {
    const { subscription, events } = await createSubscription(params);
    emit(events);
    return subscription;
  }
  if (a === "subscriptions" && is("GET", 3) && b) return retrieve("subscription", b);
  if (a === "subscriptions" && is("POST", 3) && b) {
    // The tool supports the updates Signal Diff makes: ending a trial now, and cancelling at the
    // period end (Cancel subscription on a subscription whose key was revoked).
    const only = Object.keys(params).length === 1;
    const change =
      only && params.trial_end === "now"
        ? "end_trial_now"
        : only && params.cancel_at_period_end === "true"
          ? "cancel_at_period_end"
          : null;
    if (!change)
      throw new TestModeError(
        400,
        "Test mode supports only trial_end=now or cancel_at_period_end=true on subscription updates.",
      );
    const current = await retrieve("subscription", b);
    const { subscription, events } = await changeSubscription(b, String(current.customer), change);
    emit(events);
    return subscription;
  }
  if (a === "subscriptions" && is("GET", 2)) {
    const customer = typeof params.customer === "string" ? params.customer : "";
    if (!customer)
      throw new TestModeError(
        400,
        "Test mode lists subscriptions by customer only.",
        undefined,
        "customer",
      );
    return list("/v1/subscriptions", await listSubscriptions(customer));
  }
  if (a === "invoices" && is("GET", 3) && b) return retrieve("invoice", b);
  if (a === "billing_portal" && b === "sessions" && is("POST", 3))
    return createPortalSession(params, ctx.publicUrl);
  throw new TestModeError(
    404,
    `Unrecognized request URL (${method}: ${path}). Test mode does not implement it.`,
  );
}

type IdempotencyRecord = StripeObject & { fingerprint: string; response: unknown };

async function idempotent(key: string, fingerprint: string, run: () => Promise<unknown>) {
  const id = `idem_${createHash("sha256").update(key).digest("hex")}`;
  return serialize(id, async () => {
    const stored = await getObject<IdempotencyRecord>(id, "idempotency_key");
    if (stored) {
      if (stored.fingerprint !== fingerprint)
        throw new TestModeError(
          409,
          "Keys for idempotent requests can only be used with the same parameters they were first used with.",
          "idempotency_key_in_use",
        );
      return stored.response;
    }
    const response = await run();
    await putObject({ id, object: "idempotency_key", fingerprint, response }, null);
    return response;
  });
}

/** Answers one authenticated API request. */
export function answerApi(
  request: { method: string; path: string; params: FormObject; idempotencyKey: string | null },
  ctx: ApiContext,
) {
  const { method, path, params, idempotencyKey } = request;
  const exec = () => route(method, path, params, ctx);
  return method === "POST" && idempotencyKey
    ? idempotent(idempotencyKey, `${method} ${path} ${JSON.stringify(params)}`, exec)
    : exec();
}
