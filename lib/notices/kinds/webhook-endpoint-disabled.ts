// "A webhook endpoint was disabled": deliveries failed for 5 days, so lib/webhooks/deliver.ts
// turned it off (disabledAt, disabledReason). Recorded in that transaction by the worker's hook
// (lib/worker/webhook-task.ts; lib/webhooks cannot import lib/notices, which imports it), found
// again by the scheduled producer, and resolved once the endpoint is re-enabled (which clears
// disabledAt) or deleted.
import { db } from "@/lib/db";
import type { NoticeCondition, NoticeProducer } from "./types";

export const webhookEndpointDisabled: NoticeProducer = {
  kind: "webhook_endpoint_disabled",
  async find(_now, teamId) {
    const endpoints = await db.webhookEndpoint.findMany({
      where: { ...(teamId ? { teamId } : {}), enabled: false, disabledAt: { not: null } },
      select: { id: true, teamId: true, url: true, disabledAt: true, disabledReason: true },
    });
    return endpoints.flatMap((e) =>
      e.disabledAt ? [endpointDisabledCondition({ ...e, disabledAt: e.disabledAt })] : [],
    );
  },
  describe: (d, date) => ({
    title: `Webhook endpoint ${d.get("url")} was disabled`,
    text: `${d.get("reason") || "Its deliveries kept failing."} It was turned off ${date(d.get("disabledAt"))} and receives no events until it is enabled again. Fix the receiver, then enable it and resend the failed deliveries.`,
    href: `/developers/webhooks/${d.get("endpointId")}`,
    action: "Open the endpoint",
  }),
};

/** The notice of a disabled endpoint (shared by the finder and the worker's in-transaction hook). */
export function endpointDisabledCondition(e: {
  id: string;
  teamId: string;
  url: string;
  disabledAt: Date;
  disabledReason: string | null;
}): NoticeCondition {
  return {
    teamId: e.teamId,
    subjectId: e.id,
    occurrence: e.disabledAt.toISOString(),
    data: {
      endpointId: e.id,
      url: e.url,
      disabledAt: e.disabledAt.toISOString(),
      reason: e.disabledReason,
    },
  };
}
