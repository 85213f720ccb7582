import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardContext } from "@/lib/teams/context";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/lib/webhooks/events";
import { listEndpoints } from "@/lib/webhooks/endpoints";
import { EndpointsSection } from "./_components/endpoints-section";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const { team, can } = await getDashboardContext("/developers/webhooks");
  const endpoints = await listEndpoints(team.id);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed HTTP notifications of runs and credential changes, sent to your endpoints."
      />
      <EndpointsSection
        teamId={team.id}
        canManage={can("admin")}
        timeZone={team.timeZone}
        eventTypes={[...SUBSCRIBABLE_EVENT_TYPES]}
        endpoints={endpoints.map((e) => ({
          id: e.id,
          url: e.url,
          description: e.description,
          eventTypes: e.eventTypes,
          enabled: e.enabled,
          disabledReason: e.disabledReason,
          createdAt: e.createdAt.toISOString(),
        }))}
      />
    </>
  );
}
