"use client";

// The audit log: when, who, what (in words, the code on hover) and to which key, client, member
// or site — filtered and paged on the server.
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { formatDateTime } from "@/lib/format";
import type { ReactNode } from "react";

export type AuditRow = {
  id: string;
  createdAt: string;
  actorLabel: string;
  event: string;
  eventCode: string;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
};

const col = dataColumns<AuditRow>();

export function AuditLogTable({
  rows,
  timeZone,
  toolbar,
  footer,
  empty,
}: {
  rows: AuditRow[];
  timeZone: string;
  toolbar: ReactNode;
  footer: ReactNode;
  empty: ReactNode;
}) {
  const columns = col.columns([
    col.accessor("event", {
      header: "Event",
      meta: { primary: true },
      cell: ({ row: { original: e } }) => (
        <span className="font-medium text-zinc-900" title={e.eventCode} data-testid="audit-event">
          {e.event}
        </span>
      ),
    }),
    col.accessor("target", {
      header: "Target",
      cell: (info) => (
        <span data-testid="audit-target">{info.getValue() ?? <span aria-hidden>—</span>}</span>
      ),
    }),
    col.accessor("actorLabel", {
      header: "Actor",
      cell: (info) => <span className="break-all">{info.getValue()}</span>,
    }),
    col.accessor("createdAt", {
      header: "Time",
      cell: (info) => (
        <span className="whitespace-nowrap text-zinc-600">
          {formatDateTime(info.getValue(), timeZone)}
        </span>
      ),
    }),
    col.accessor("ip", {
      header: "IP",
      cell: (info) => <span className="text-zinc-600">{info.getValue() ?? "—"}</span>,
    }),
    col.accessor("userAgent", {
      header: "User agent",
      meta: { hideOnCard: true },
      cell: (info) => (
        <span
          className="block max-w-48 truncate text-zinc-600"
          title={info.getValue() ?? undefined}
        >
          {info.getValue() ?? "—"}
        </span>
      ),
    }),
  ]);
  return (
    <DataTable
      label="Audit log"
      testId="audit-log-table"
      rowTestId="audit-row"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      toolbar={toolbar}
      footer={footer}
      empty={empty}
    />
  );
}
