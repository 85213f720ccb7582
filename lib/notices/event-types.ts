// Each notice kind is also a webhook event (issue 13): the event type it is sent as, and what
// kind of row its subject is. A new kind adds one line to each map (TypeScript insists) and one
// producer in kinds/.
import type { NoticeKind } from "@/lib/generated/prisma/client";

export const NOTICE_EVENT_TYPES = {
  trial_ending: "subscription.trial_will_end",
  ci_key_expiring: "ci_key.expiring",
  ci_key_expired: "ci_key.expired",
  ci_key_leaked: "ci_key.leaked",
  api_client_leaked: "api_client.leaked",
  webhook_endpoint_disabled: "webhook_endpoint.disabled",
  signing_secret_previous_expiring: "signing_secret.previous_expiring",
  agent_offline_with_queued_runs: "agent.offline",
} as const satisfies Record<NoticeKind, string>;

export const NOTICE_SUBJECT_TYPES = {
  trial_ending: "subscription",
  ci_key_expiring: "ci_api_key",
  ci_key_expired: "ci_api_key",
  ci_key_leaked: "ci_api_key",
  api_client_leaked: "api_client",
  webhook_endpoint_disabled: "webhook_endpoint",
  signing_secret_previous_expiring: "webhook_signing_secret",
  agent_offline_with_queued_runs: "agent_pool",
} as const satisfies Record<NoticeKind, string>;
