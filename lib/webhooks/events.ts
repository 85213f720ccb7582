// The events a team's webhook endpoints can subscribe to. Every delivery's body is
// `{ "type", "timestamp", "data" }`; the docs page (/docs/verifying-signatures) shows examples.
export const WEBHOOK_EVENT_TYPES = [
  "run.started",
  "run.succeeded",
  "run.failed",
  "run.cancelled",
  "ci_key.created",
  "ci_key.rotated",
  "ci_key.revoked",
  "ci_key.expiring",
  "ci_key.expired",
  "ci_key.leaked",
  "api_client.created",
  "api_client.deleted",
  "api_client.leaked",
  "subscription.trial_will_end",
  "signing_secret.rotated",
  "signing_secret.previous_expiring",
  "webhook_endpoint.disabled",
  "agent.offline",
  "webhook.test",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What an endpoint can subscribe to (a test event is sent on request, whatever it subscribes). */
export const SUBSCRIBABLE_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((t) => t !== "webhook.test");

export const EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  "run.started": "A run began crawling.",
  "run.succeeded": "A run finished (page counts and the run URL).",
  "run.failed": "A run failed.",
  "run.cancelled": "A run was cancelled.",
  "ci_key.created": "A CI API key was issued.",
  "ci_key.rotated": "A CI API key was rotated.",
  "ci_key.revoked": "A CI API key was revoked.",
  "ci_key.expiring": "A CI API key expires within 7 days.",
  "ci_key.expired": "A CI API key expired.",
  "ci_key.leaked": "A CI API key was reported leaked and disabled.",
  "api_client.created": "An API client was created.",
  "api_client.deleted": "An API client was deleted.",
  "api_client.leaked": "An API client secret was reported leaked; the client was deleted.",
  "subscription.trial_will_end": "A trial ends within 7 days.",
  "signing_secret.rotated": "The webhook signing secret was rotated.",
  "signing_secret.previous_expiring":
    "After a rotation, the previous signing secret is about to stop signing (auto-revoked).",
  "webhook_endpoint.disabled": "A webhook endpoint was disabled after failing for 5 days.",
  "agent.offline": "A pool's agents all went offline while it has queued runs.",
  "webhook.test": "A test event sent from the dashboard or the API.",
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** Deliveries carry at most this many bytes of JSON (Standard Webhooks' common limit). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
