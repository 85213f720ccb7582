// Test support (imported by *.test.ts only): signing like Stripe, delivering to our real webhook
// receiver, and teams to bill. The Stripe side of billing tests is the Stripe test tool
// (tools/stripe-test-mode/testing.ts), reached through the real SDK.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { createTeam } from "@/lib/teams/create-team";
import { receiveStripeWebhook } from "./receive-webhook";
import { createStripeClient, type Stripe } from "./stripe";

export const TEST_WEBHOOK_SECRET = "whsec_integration_tests_0123456789abcdef";
export const TEST_APP_URL = "http://localhost:3999";
export const TEST_LOOKUP_KEY = "signal_diff_paid_monthly";

type StripeEvent = { id: string; [key: string]: unknown };

// Only the SDK's signing helper is used; the key is never sent anywhere.
const signer = createStripeClient({ secretKey: "sk_test_signer_only" });

export function sign(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? TEST_WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
}

/** Signs and delivers events, in order, to the real webhook receiver; returns each body. */
export async function deliverToReceiver(stripe: Stripe, events: StripeEvent[]) {
  const bodies: unknown[] = [];
  for (const event of events) {
    const payload = JSON.stringify(event, null, 2);
    const result = await receive(stripe, payload, sign(payload));
    bodies.push(result.body);
  }
  return bodies;
}

/** Posts one payload with an explicit signature to the receiver. */
export function receive(stripe: Stripe, payload: string, signature: string | null) {
  return receiveStripeWebhook({ payload, signature, secret: TEST_WEBHOOK_SECRET, stripe });
}

export async function teamWithOwner(name = "Billing team") {
  const owner = await db.user.create({
    data: { email: `owner-${randomUUID()}@example.com`, name: "Owner" },
  });
  const team = await createTeam({ name, userId: owner.id });
  return { owner, team: { id: team.id, name: team.name } };
}

export const attemptId = () => randomUUID().replaceAll("-", "");
