// Delivers the tool's events to the app's webhook endpoint, signed exactly as Stripe signs them:
// the payload is the event's JSON and the Stripe-Signature header comes from the Stripe SDK's own
// signing helper with the endpoint's secret, so the app's production verification runs unchanged.
import Stripe from "stripe";
import type { StripeObject } from "./store";

/** Sends one signed payload; answers the HTTP status the receiver gave. */
export type WebhookTransport = (payload: string, signature: string) => Promise<number>;

export function httpTransport(url: string): WebhookTransport {
  return async (payload, signature) => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body: payload,
      signal: AbortSignal.timeout(30_000),
    });
    await res.body?.cancel();
    return res.status;
  };
}

// Only the signing helper is used; the key is never sent anywhere.
const signer = new Stripe("sk_test_signer_only", { telemetry: false });

export function signPayload(payload: string, secret: string, timestamp?: number): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/** Delivers events in order; stops at the first unreachable one and answers what is left. */
export async function deliverEvents(
  events: StripeObject[],
  { secret, transport }: { secret: string; transport: WebhookTransport },
): Promise<{
  results: Array<{ id: string; type: string; status: number }>;
  undelivered: StripeObject[];
}> {
  const results = [];
  for (const [i, event] of events.entries()) {
    const payload = JSON.stringify(event, null, 2);
    const status = await transport(payload, signPayload(payload, secret)).catch(() => 0);
    // Unreachable (the app is not up yet): the rest waits, in order, for a retry.
    if (status === 0) return { results, undelivered: events.slice(i) };
    if (status < 200 || status >= 300)
      console.warn(`[stripe test mode] ${String(event.type)} ${event.id} not accepted (${status})`);
    results.push({ id: event.id, type: String(event.type), status });
  }
  return { results, undelivered: [] };
}

/**
 * The tool's webhook sender: events go out in order; while the app's endpoint cannot be reached
 * (during `npm start`, before the web server listens) they queue and are retried every few
 * seconds, as Stripe retries a failing endpoint.
 */
export function webhookSender(url: string, secret: string, retryMs = 2000) {
  const transport = httpTransport(url);
  let queue: StripeObject[] = [];
  let retrying = false;
  // One delivery at a time, so events leave in the order they happened.
  let chain: Promise<unknown> = Promise.resolve();
  const inOrder = (run: () => Promise<void>) => {
    const next = chain.then(run);
    chain = next.catch(() => undefined);
    return next;
  };
  const attempt = async () => {
    const { results, undelivered } = await deliverEvents(queue, { secret, transport });
    queue = undelivered;
    if (queue.length) return void setTimeout(() => void inOrder(attempt), retryMs);
    retrying = false;
    console.log(
      `[stripe test mode] webhook endpoint reachable; delivered ${results.length} queued event(s)`,
    );
  };
  return (events: StripeObject[]) =>
    inOrder(async () => {
      if (retrying) return void queue.push(...events);
      const { undelivered } = await deliverEvents(events, { secret, transport });
      if (!undelivered.length) return;
      queue = undelivered;
      retrying = true;
      console.log(
        `[stripe test mode] ${url} not reachable yet; retrying every ${retryMs / 1000} s`,
      );
      setTimeout(() => void inOrder(attempt), retryMs);
    });
}
