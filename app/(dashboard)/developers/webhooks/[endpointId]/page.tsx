import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardContext } from "@/lib/teams/context";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import { DeliveryLog } from "../_components/delivery-log";
import { SendTestButton } from "../_components/send-test-button";

export const metadata: Metadata = { title: "Webhook deliveries" };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ endpointId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { endpointId } = await params;
  const { cursor } = await searchParams;
  const { team, can } = await getDashboardContext(`/developers/webhooks/${endpointId}`);
  const endpoint = await getEndpoint(team.id, endpointId);
  if (!endpoint) notFound();
  const page = await listDeliveries(team.id, endpoint.id, {
    cursor: typeof cursor === "string" ? cursor : null,
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/developers/webhooks" className="text-zinc-600 underline">
          ← Webhooks
        </Link>
      </p>
      <PageHeader
        title="Delivery log"
        description={
          <>
            <span className="font-mono break-all">{endpoint.url}</span>
            {endpoint.enabled
              ? null
              : ` — disabled${endpoint.disabledReason ? ` (${endpoint.disabledReason})` : ""}`}
          </>
        }
        actions={can("admin") ? <SendTestButton teamId={team.id} endpointId={endpoint.id} /> : null}
      />
      <DeliveryLog
        teamId={team.id}
        endpointId={endpoint.id}
        canManage={can("admin")}
        timeZone={team.timeZone}
        nextCursor={page.nextCursor}
        rows={page.items.map((d) => {
          const last = d.attemptsLog.at(-1) ?? null;
          return {
            id: d.id,
            eventId: d.event.id,
            eventType: d.event.type,
            status: d.status,
            attempts: d.attempts,
            statusCode: last?.statusCode ?? null,
            latencyMs: last?.latencyMs ?? null,
            response: last ? (last.error ?? last.responseBody ?? "") : "",
            responseBody: last?.responseBody ?? null,
            nextAttemptAt: d.status === "pending" ? iso(d.nextAttemptAt) : null,
            createdAt: d.createdAt.toISOString(),
          };
        })}
      />
    </>
  );
}
