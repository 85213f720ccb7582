// "A webhook endpoint was disabled": deliveries failed for 5 days, so lib/webhooks/deliver.ts
// turned it off (disabledAt, disabledReason). Found by the scheduled producer — lib/webhooks
// cannot call recordNotice itself (lib/notices already imports lib/webhooks) — and resolved once
// the endpoint is re-enabled (which clears disabledAt) or deleted.
import { db } from "@/lib/db";
import type { NoticeProducer } from "./types";

export const webhookEndpointDisabled: NoticeProducer = {
  kind: "webhook_endpoint_disabled",
  async find(_now, teamId) {
    const endpoints = await db.webhookEndpoint.findMany({
      where: { ...(teamId ? { teamId } : {}), enabled: false, disabledAt: { not: null } },
      select: { id: true, teamId: true, url: true, disabledAt: true, disabledReason: true },
    });
    return endpoints.flatMap((e) =>
      e.disabledAt
        ? [
            {
              teamId: e.teamId,
              subjectId: e.id,
              occurrence: e.disabledAt.toISOString(),
              data: {
                endpointId: e.id,
                url: e.url,
                disabledAt: e.disabledAt.toISOString(),
                reason: e.disabledReason,
              },
            },
          ]
        : [],
    );
  },
  describe: (d, date) => ({
    title: `Webhook endpoint ${d.get("url")} was disabled`,
    text: `${d.get("reason") || "Its deliveries kept failing."} It was turned off ${date(d.get("disabledAt"))} and receives no events until it is enabled again. Fix the receiver, then enable it and resend the failed deliveries.`,
    href: `/developers/webhooks/${d.get("endpointId")}`,
    action: "Open the endpoint",
  }),
};
