"use client";

// One endpoint's deliveries, newest first: event, attempts, last status and latency, the first
// 1 KB of the last answer, the next retry, and Resend.
import { Inbox } from "lucide-react";
import Link from "next/link";
import { useActionState } from "react";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";
import { formatDateTime } from "@/lib/format";
import { resendDeliveryAction } from "../actions";

export type DeliveryView = {
  id: string;
  eventId: string;
  eventType: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  statusCode: number | null;
  latencyMs: number | null;
  /** The last attempt's error, or else the first 1 KB of its answer. */
  response: string;
  responseBody: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

const TONES = { pending: "amber", delivered: "green", failed: "red" } as const;

const col = dataColumns<DeliveryView>();

function deliveryColumns(timeZone: string) {
  return col.columns([
    col.accessor("eventType", {
      header: "Event",
      meta: { primary: true },
      cell: ({ row: { original: d } }) => (
        <>
          <code className="font-mono text-sm text-zinc-900">{d.eventType}</code>
          <span className="block font-mono text-xs text-zinc-500">{d.eventId}</span>
          <span className="block text-xs text-zinc-500">
            {formatDateTime(d.createdAt, timeZone)}
          </span>
        </>
      ),
    }),
    col.accessor("status", {
      header: "Status",
      cell: ({ row: { original: d } }) => (
        <span className="inline-flex items-center gap-1">
          <Badge tone={TONES[d.status]}>{d.status}</Badge>
          {d.statusCode !== null ? <span className="font-mono text-xs">{d.statusCode}</span> : null}
        </span>
      ),
    }),
    col.accessor("attempts", { header: "Attempt" }),
    col.accessor("latencyMs", {
      header: "Latency",
      cell: (info) => (info.getValue() === null ? "—" : `${info.getValue()} ms`),
    }),
    col.accessor("response", {
      header: "Response",
      cell: (info) =>
        info.getValue() ? (
          <details className="max-w-xs">
            <summary className="cursor-pointer truncate text-xs text-zinc-700">
              {info.getValue().slice(0, 60)}
            </summary>
            <pre className="mt-1 max-h-48 overflow-auto text-xs break-all whitespace-pre-wrap">
              {info.row.original.responseBody ?? info.getValue()}
            </pre>
          </details>
        ) : (
          "—"
        ),
    }),
    col.accessor("nextAttemptAt", {
      header: "Next retry",
      cell: (info) => (info.getValue() ? formatDateTime(info.getValue() ?? "", timeZone) : "—"),
    }),
  ]);
}

function ResendButton({ teamId, endpointId, deliveryId }: Record<string, string>) {
  const [state, action] = useActionState<ActionState, FormData>(resendDeliveryAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <SubmitButton size="sm" variant="ghost" pendingText="Resending…">
        Resend
      </SubmitButton>
      {state && !state.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function DeliveryLog({
  teamId,
  endpointId,
  canManage,
  timeZone,
  rows,
  nextCursor,
}: {
  teamId: string;
  endpointId: string;
  canManage: boolean;
  timeZone: string;
  rows: DeliveryView[];
  nextCursor: string | null;
}) {
  return (
    <Card>
      {rows.length === 0 ? (
        <CardBody>
          <EmptyState icon={<Inbox className="size-8" aria-hidden />} title="No deliveries yet">
            Events this endpoint subscribes to appear here. Send a test event to try it.
          </EmptyState>
        </CardBody>
      ) : (
        <DataTable
          label="Deliveries"
          testId="webhook-deliveries-table"
          rowTestId="webhook-delivery-row"
          columns={deliveryColumns(timeZone)}
          data={rows}
          getRowId={(d) => d.id}
          rowActions={
            canManage
              ? (d) => <ResendButton teamId={teamId} endpointId={endpointId} deliveryId={d.id} />
              : undefined
          }
          footer={
            nextCursor ? (
              <Link
                href={`/developers/webhooks/${endpointId}?cursor=${nextCursor}`}
                className={buttonClass("secondary", "sm")}
              >
                Older deliveries
              </Link>
            ) : undefined
          }
        />
      )}
    </Card>
  );
}
