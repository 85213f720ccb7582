// The webhook delivery task of the worker: wires the delivery code (lib/webhooks) to the signing
// secrets (lib/credentials/signing-secret) and the SSRF-guarded sender.
import type { Task } from "graphile-worker";
import { signingKeysFor } from "@/lib/credentials/signing-secret/secret-store";
import { env } from "@/lib/env";
import { attemptDelivery, type DeliverDeps } from "@/lib/webhooks/deliver";
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
  };
  return async (payload) => {
    const deliveryId = (payload as { deliveryId?: unknown } | null)?.deliveryId;
    if (typeof deliveryId !== "string") return;
    await attemptDelivery(deliveryId, deps);
  };
}
