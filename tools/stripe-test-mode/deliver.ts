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

/** Delivers events in order; returns each event's response status (0 when unreachable). */
export async function deliverEvents(
  events: StripeObject[],
  { secret, transport }: { secret: string; transport: WebhookTransport },
): Promise<Array<{ id: string; type: string; status: number }>> {
  const results = [];
  for (const event of events) {
    const payload = JSON.stringify(event, null, 2);
    let status = 0;
    try {
      status = await transport(payload, signPayload(payload, secret));
    } catch (error) {
      console.warn(`[stripe test mode] delivery of ${event.id} failed: ${String(error)}`);
    }
    if (status < 200 || status >= 300)
      console.warn(`[stripe test mode] ${String(event.type)} ${event.id} not accepted (${status})`);
    results.push({ id: event.id, type: String(event.type), status });
  }
  return results;
}
