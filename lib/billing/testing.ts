// Test support (imported by *.test.ts only): a test-mode Stripe server on a free port that records
// every request, the real Stripe SDK pointed at it, and a webhook transport that calls our real
// webhook receiver, so integration tests run the production code paths end to end.
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { db } from "@/lib/db";
import { createTeam } from "@/lib/teams/create-team";
import { receiveStripeWebhook } from "./receive-webhook";
import { createStripeClient, TEST_MODE_API_KEY, type Stripe } from "./stripe";
import { deliverEvents, signPayload } from "./test-mode/deliver";
import { createTestModeServer, listen, type RecordedRequest } from "./test-mode/server";
import type { StripeObject } from "./test-mode/store";

export const TEST_WEBHOOK_SECRET = "whsec_integration_tests_0123456789abcdef";
export const TEST_APP_URL = "http://localhost:3999";
export const TEST_LOOKUP_KEY = "signal_diff_paid_monthly";

export type StripeHarness = {
  stripe: Stripe;
  requests: RecordedRequest[];
  /** Events the server emitted for API writes (delivered by the test, when it chooses). */
  serverEvents: StripeObject[];
  server: http.Server;
  close: () => Promise<void>;
};

export async function startStripeHarness(): Promise<StripeHarness> {
  const requests: RecordedRequest[] = [];
  const serverEvents: StripeObject[] = [];
  const server = createTestModeServer({
    appUrl: TEST_APP_URL,
    priceLookupKey: TEST_LOOKUP_KEY,
    onRequest: (r) => requests.push(r),
    onEvents: (events) => serverEvents.push(...events),
  });
  const port = await listen(server, 0);
  const stripe = createStripeClient({
    secretKey: TEST_MODE_API_KEY,
    host: "127.0.0.1",
    port,
    protocol: "http",
  });
  return {
    stripe,
    requests,
    serverEvents,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Signs and delivers events to the real webhook receiver; returns each result. */
export async function deliverToReceiver(stripe: Stripe, events: StripeObject[]) {
  const bodies: unknown[] = [];
  await deliverEvents(events, {
    secret: TEST_WEBHOOK_SECRET,
    transport: async (payload, signature) => {
      const result = await receiveStripeWebhook({
        payload,
        signature,
        secret: TEST_WEBHOOK_SECRET,
        stripe,
      });
      bodies.push(result.body);
      return result.status;
    },
  });
  return bodies;
}

/** Posts one payload with an explicit signature to the receiver. */
export function receive(stripe: Stripe, payload: string, signature: string | null) {
  return receiveStripeWebhook({ payload, signature, secret: TEST_WEBHOOK_SECRET, stripe });
}

export function sign(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return signPayload(payload, options.secret ?? TEST_WEBHOOK_SECRET, options.timestamp);
}

export async function teamWithOwner(name = "Billing team") {
  const owner = await db.user.create({
    data: { email: `owner-${randomUUID()}@example.com`, name: "Owner" },
  });
  const team = await createTeam({ name, userId: owner.id });
  return { owner, team: { id: team.id, name: team.name } };
}

export const attemptId = () => randomUUID().replaceAll("-", "");
