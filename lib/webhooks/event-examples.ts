// An example `data` of every event type, shown on /docs/verifying-signatures.
// event-examples.test.ts makes each event through the product's own code and checks these have
// exactly the real data's fields (nested too), so the docs cannot drift from what is sent.
import type { WebhookEventType } from "./events";

const run = (status: string, counts: [number, number, number, number], error: string | null) => ({
  run_id: "cm9x2k1q80002abcd1234efgh",
  site_id: "cm9x2k1q80001abcd1234efgh",
  status,
  source: "ci",
  commit_sha: "0123456789abcdef0123456789abcdef01234567",
  error,
  counts: { changed: counts[0], added: counts[1], removed: counts[2], failed: counts[3] },
  url: "https://signaldiff.example/runs/cm9x2k1q80002abcd1234efgh",
});
const key = { key_id: "cm9x2k1q80003abcd1234efgh", prefix: "sck_7Hq2" };
const notice = (subjectId: string) => ({
  notice_id: "cm9x2k1q80009abcd1234efgh",
  subject_id: subjectId,
});

export const EVENT_DATA_EXAMPLES: Record<WebhookEventType, Record<string, unknown>> = {
  "run.started": run("running", [0, 0, 0, 0], null),
  "run.succeeded": run("succeeded", [3, 1, 0, 0], null),
  "run.failed": run("failed", [0, 0, 0, 0], "Host not found"),
  "run.cancelled": run("cancelled", [0, 0, 0, 0], null),
  "ci_key.created": key,
  "ci_key.rotated": { ...key, prefix: "sck_Mw9c" },
  "ci_key.revoked": key,
  "ci_key.expiring": {
    ...notice(key.key_id),
    label: "Production CI",
    prefix: "sck_7Hq2",
    expiresAt: "2026-12-05T06:00:00.000Z",
  },
  "ci_key.expired": {
    ...notice(key.key_id),
    label: "Trial key",
    prefix: "sck_7Hq2",
    expiredAt: "2026-11-28T06:00:00.000Z",
  },
  "ci_key.leaked": {
    ...notice(key.key_id),
    label: "Production CI",
    prefix: "sck_7Hq2",
    leakedAt: "2026-12-01T09:12:44.000Z",
    url: "https://github.com/octo-org/octo-repo/blob/abc123/.github/workflows/ci.yml",
  },
  "api_client.created": {
    id: "cm9x2k1q80004abcd1234efgh",
    client_id: "dh_live_3kP9xQ2mV7",
    label: "Status dashboard",
    scopes: ["read"],
  },
  "api_client.deleted": {
    id: "cm9x2k1q80004abcd1234efgh",
    client_id: "dh_live_3kP9xQ2mV7",
    label: "Status dashboard",
  },
  "api_client.leaked": {
    ...notice("cm9x2k1q80004abcd1234efgh"),
    label: "Status dashboard",
    clientId: "dh_live_3kP9xQ2mV7",
    leakedAt: "2026-12-01T09:12:44.000Z",
    url: "https://github.com/octo-org/octo-repo/blob/abc123/config.yml",
  },
  "subscription.trial_will_end": {
    ...notice("cm9x2k1q80005abcd1234efgh"),
    trialEnd: "2026-12-05T06:00:00.000Z",
    keyLabel: "Trial key",
    keyPrefix: "sck_7Hq2",
    cancelAtPeriodEnd: null,
  },
  "signing_secret.rotated": { previous_secret_expires_at: "2026-12-08T06:00:00.000Z" },
  "signing_secret.previous_expiring": {
    ...notice("cm9x2k1q80006abcd1234efgh"),
    previousExpiresAt: "2026-12-08T06:00:00.000Z",
  },
  "webhook_endpoint.disabled": {
    ...notice("cm9x2k1q80007abcd1234efgh"),
    endpointId: "cm9x2k1q80007abcd1234efgh",
    url: "https://hooks.example.com/signal-diff",
    disabledAt: "2026-12-01T06:00:00.000Z",
    reason: "Every delivery failed for 5 days.",
  },
  "agent.offline": {
    ...notice("cm9x2k1q80008abcd1234efgh"),
    poolName: "office",
    agentName: "box-1",
    lastSeenAt: "2026-12-01T05:59:00.000Z",
    queuedRuns: "2",
  },
  "webhook.test": {
    endpoint_id: "cm9x2k1q80007abcd1234efgh",
    message: "A test event from Signal Diff.",
  },
};

/** The body of a delivery of `type`, as on the wire (timestamp: when it happened). */
export function eventExample(type: WebhookEventType): string {
  return JSON.stringify(
    { type, timestamp: "2026-12-01T06:00:09.412Z", data: EVENT_DATA_EXAMPLES[type] },
    null,
    2,
  );
}
