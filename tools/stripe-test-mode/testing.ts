// Test support (imported by *.test.ts only): the Stripe test tool on a free port, in memory, with
// every API request recorded, the events it emits for API writes kept for the test to deliver, and
// the product's own Stripe client pointed at it. (The tool itself never imports the product; this
// test harness does, to hand the product's client to the tests.)
import type http from "node:http";
import { createStripeClient, type Stripe } from "@/lib/billing/stripe";
import { createTestModeServer, listen, type RecordedRequest } from "./server";
import { openStore, type StripeObject } from "./store";

export { completeCheckout, expireCheckout } from "./checkout-flow";
export { changeSubscription } from "./subscription-changes";
export { createCustomer } from "./engine";
export { eventObject } from "./objects";
export { putObject, type StripeObject } from "./store";
export type { RecordedRequest };

export type StripeHarness = {
  /** The product's Stripe client, reaching the tool through the SDK's host/port/protocol. */
  stripe: Stripe;
  /** The tool's origin (its hosted checkout and portal pages live here). */
  url: string;
  requests: RecordedRequest[];
  /** Events the tool emitted for API writes (delivered by the test, when it chooses). */
  serverEvents: StripeObject[];
  server: http.Server;
  close: () => Promise<void>;
};

/**
 * Starts the tool. Events are kept in `serverEvents` for the test to deliver, unless `deliver` is
 * given (the hosted pages wait for it before redirecting, as the running tool waits for the app).
 */
export async function startStripeHarness(
  priceLookupKey = "signal_diff_paid_monthly",
  options: { deliver?: (events: StripeObject[]) => Promise<unknown> } = {},
): Promise<StripeHarness> {
  openStore(null);
  const requests: RecordedRequest[] = [];
  const serverEvents: StripeObject[] = [];
  const server = createTestModeServer({
    priceLookupKey,
    onRequest: (r) => requests.push(r),
    deliver: async (events) => {
      serverEvents.push(...events);
      await options.deliver?.(events);
    },
  });
  const port = await listen(server, 0);
  return {
    stripe: createStripeClient({
      secretKey: "sk_test_signal_diff_tests",
      host: "127.0.0.1",
      port,
      protocol: "http",
    }),
    url: `http://127.0.0.1:${port}`,
    requests,
    serverEvents,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
