// Every notice kind, by kind. TypeScript requires one entry per NoticeKind value.
import type { NoticeKind } from "@/lib/generated/prisma/client";
import { agentOfflineWithQueuedRuns } from "./agent-offline-with-queued-runs";
import { apiClientLeaked } from "./api-client-leaked";
import { ciKeyExpired } from "./ci-key-expired";
import { ciKeyExpiring } from "./ci-key-expiring";
import { ciKeyLeaked } from "./ci-key-leaked";
import { signingSecretPreviousExpiring } from "./signing-secret-previous-expiring";
import { trialEnding } from "./trial-ending";
import type { NoticeProducer } from "./types";
import { webhookEndpointDisabled } from "./webhook-endpoint-disabled";

export const NOTICE_KINDS: Record<NoticeKind, NoticeProducer> = {
  trial_ending: trialEnding,
  ci_key_expiring: ciKeyExpiring,
  ci_key_expired: ciKeyExpired,
  ci_key_leaked: ciKeyLeaked,
  api_client_leaked: apiClientLeaked,
  webhook_endpoint_disabled: webhookEndpointDisabled,
  signing_secret_previous_expiring: signingSecretPreviousExpiring,
  agent_offline_with_queued_runs: agentOfflineWithQueuedRuns,
};
