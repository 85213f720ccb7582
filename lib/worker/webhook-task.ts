// The webhook delivery task of the worker: wires the delivery code (lib/webhooks) to the signing
// secrets (lib/credentials/signing-secret), the SSRF-guarded sender and the notices (lib/notices).
import type { Task } from "graphile-worker";
import { signingKeysFor } from "@/lib/credentials/signing-secret/secret-store";
import { env } from "@/lib/env";
import type { Tx } from "@/lib/db";
import { endpointDisabledCondition } from "@/lib/notices/kinds/webhook-endpoint-disabled";
import { recordNotice } from "@/lib/notices/record-notice";
import { attemptDelivery, type DeliverDeps, type DisabledEndpoint } from "@/lib/webhooks/deliver";
import { createWebhookSender, type SenderOptions } from "@/lib/webhooks/send";

export type WebhookTaskOptions = Partial<SenderOptions> & Partial<Omit<DeliverDeps, "signingKeys">>;

export function webhookTask(opts: WebhookTaskOptions = {}): Task {
  const send =
    opts.send ??
    createWebhookSender({
      allowPrivateNetworks: opts.allowPrivateNetworks ?? env().CRAWL_ALLOW_PRIVATE_NETWORKS,
      allowHosts: opts.allowHosts ?? env().CRAWL_ALLOW_HOSTS,
      timeoutMs: opts.timeoutMs,
    });
  const deps: DeliverDeps = {
    send,
    signingKeys: signingKeysFor,
    now: opts.now,
    random: opts.random,
    onDisabled: recordEndpointDisabled,
  };
  return async (payload) => {
    const deliveryId = (payload as { deliveryId?: unknown } | null)?.deliveryId;
    if (typeof deliveryId !== "string") return;
    await attemptDelivery(deliveryId, deps);
  };
}

/** An endpoint disabled after 5 days of failures: its notice (and event), in that transaction. */
export async function recordEndpointDisabled(tx: Tx, endpoint: DisabledEndpoint): Promise<void> {
  await recordNotice(
    { kind: "webhook_endpoint_disabled", ...endpointDisabledCondition(endpoint) },
    tx,
  );
}
