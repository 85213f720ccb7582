"use client";

// The team's webhook endpoints: add, edit, send a test event, delete, and open the delivery log.
import { Webhook } from "lucide-react";
import Link from "next/link";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDate } from "@/lib/format";
import { deleteEndpointAction } from "../actions";
import { EndpointDialog, type EndpointView } from "./endpoint-dialog";
import { SendTestButton } from "./send-test-button";

const col = dataColumns<EndpointView>();

function endpointColumns(timeZone: string) {
  return col.columns([
    col.accessor("url", {
      header: "Endpoint",
      meta: { primary: true },
      cell: ({ row: { original: e } }) => (
        <>
          <Link
            href={`/developers/webhooks/${e.id}`}
            className="font-mono text-sm break-all text-zinc-900 underline-offset-2 hover:underline"
          >
            {e.url}
          </Link>
          {e.description ? (
            <span className="mt-0.5 block text-xs text-zinc-500">{e.description}</span>
          ) : null}
        </>
      ),
    }),
    col.accessor("eventTypes", {
      header: "Events",
      cell: (info) => (
        <span title={info.getValue().join(", ")}>
          {info.getValue().length === 1 ? info.getValue()[0] : `${info.getValue().length} types`}
        </span>
      ),
    }),
    col.accessor("enabled", {
      header: "Status",
      cell: ({ row: { original: e } }) =>
        e.enabled ? (
          <Badge tone="green">Enabled</Badge>
        ) : (
          <span title={e.disabledReason ?? undefined}>
            <Badge tone={e.disabledReason ? "red" : "neutral"}>
              {e.disabledReason ? "Disabled — failing" : "Disabled"}
            </Badge>
          </span>
        ),
    }),
    col.accessor("createdAt", {
      header: "Created",
      cell: (info) => formatDate(info.getValue(), timeZone),
    }),
  ]);
}

export function EndpointsSection({
  teamId,
  canManage,
  timeZone,
  eventTypes,
  endpoints,
}: {
  teamId: string;
  canManage: boolean;
  timeZone: string;
  eventTypes: string[];
  endpoints: EndpointView[];
}) {
  return (
    <Card>
      <CardHeader
        title="Endpoints"
        description={
          <>
            Each delivery carries <code className="font-mono">webhook-id</code>,{" "}
            <code className="font-mono">webhook-timestamp</code> and{" "}
            <code className="font-mono">webhook-signature</code> —{" "}
            <Link href="/docs/verifying-signatures" className="font-medium underline">
              verify them
            </Link>
            .
          </>
        }
        actions={canManage ? <EndpointDialog teamId={teamId} eventTypes={eventTypes} /> : null}
      />
      {endpoints.length === 0 ? (
        <CardBody>
          <EmptyState icon={<Webhook className="size-8" aria-hidden />} title="No endpoints yet">
            {canManage
              ? "Add an https URL to receive run results and credential changes as they happen."
              : "Owners and admins can add endpoints."}
          </EmptyState>
        </CardBody>
      ) : (
        <DataTable
          label="Webhook endpoints"
          testId="webhook-endpoints-table"
          rowTestId="webhook-endpoint-row"
          columns={endpointColumns(timeZone)}
          data={endpoints}
          getRowId={(e) => e.id}
          rowActions={(e) => (
            <>
              <Link
                href={`/developers/webhooks/${e.id}`}
                className={buttonClass("ghost", "sm")}
                aria-label={`Delivery log of ${e.url}`}
              >
                Log
              </Link>
              {canManage ? (
                <>
                  <SendTestButton teamId={teamId} endpointId={e.id} compact />
                  <EndpointDialog teamId={teamId} eventTypes={eventTypes} endpoint={e} />
                  <ConfirmAction
                    trigger="Delete"
                    triggerVariant="ghost"
                    triggerLabel={`Delete ${e.url}`}
                    title="Delete this endpoint?"
                    description={
                      <span className="whitespace-normal">
                        <code className="font-mono break-all">{e.url}</code> stops receiving events
                        at once and its delivery log is deleted.
                      </span>
                    }
                    confirmLabel="Delete endpoint"
                    fields={{ teamId, endpointId: e.id }}
                    action={deleteEndpointAction}
                  />
                </>
              ) : null}
            </>
          )}
        />
      )}
    </Card>
  );
}
