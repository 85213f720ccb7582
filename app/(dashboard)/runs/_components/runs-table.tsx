"use client";

// The run history table: rows, filters, the start-time order and keyset pages come from the server
// (search params); the shared data table renders the columns.
import Link from "next/link";
import type { ReactNode } from "react";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { SortHeader } from "@/components/data-table/sort-header";
import { formatDateTime } from "@/lib/format";
import { ChangeSummary, RunStatusBadge, SOURCE_LABELS, type RunStatusName } from "./run-status";

export type RunRow = {
  id: string;
  status: RunStatusName;
  skipReason: string | null;
  source: keyof typeof SOURCE_LABELS;
  siteId: string;
  siteName: string;
  siteDeleted: boolean;
  pagesDone: number;
  pagesPlanned: number;
  pagesAdded: number;
  pagesRemoved: number;
  pagesChanged: number;
  pagesErrored: number;
  baseline: boolean;
  createdAt: string;
  finishedAt: string | null;
  error: string | null;
};

const col = dataColumns<RunRow>();

export function RunsTable({
  rows,
  timeZone,
  showSite,
  sort,
  dir,
  hrefFor,
  footer,
}: {
  rows: RunRow[];
  timeZone: string;
  showSite: boolean;
  sort: string;
  dir: "asc" | "desc";
  /** Search params for a sort link, built on the server's current query. */
  hrefFor: Record<string, string>;
  footer?: ReactNode;
}) {
  const sortHeader = (label: string, field: string) => (
    <SortHeader label={label} href={hrefFor[field] ?? "#"} active={sort === field} dir={dir} />
  );
  const columns = col.columns([
    col.accessor("status", {
      header: "Status",
      meta: { label: "Status" },
      cell: (info) => (
        <Link href={`/runs/${info.row.original.id}`} className="hover:underline">
          <RunStatusBadge status={info.getValue()} skipReason={info.row.original.skipReason} />
        </Link>
      ),
    }),
    ...(showSite
      ? [
          col.accessor("siteName", {
            header: "Site",
            cell: (info) =>
              info.row.original.siteDeleted ? (
                <span className="text-zinc-500">{info.getValue()} (deleted)</span>
              ) : (
                <Link href={`/sites/${info.row.original.siteId}`} className="hover:underline">
                  {info.getValue()}
                </Link>
              ),
          }),
        ]
      : []),
    col.accessor("source", {
      header: "Source",
      meta: { label: "Source" },
      cell: (info) => SOURCE_LABELS[info.getValue()],
    }),
    col.accessor("pagesDone", {
      header: "Pages",
      meta: { label: "Pages" },
      cell: (info) => {
        const r = info.row.original;
        return r.status === "running" ? `${r.pagesDone} / ${r.pagesPlanned || "…"}` : r.pagesDone;
      },
    }),
    col.display({
      id: "changes",
      header: "Changes",
      cell: ({ row }) => {
        const r = row.original;
        if (r.status !== "succeeded" && r.status !== "succeeded_with_errors")
          return <span className="text-zinc-400">—</span>;
        if (r.baseline) return <span className="text-zinc-500">Baseline</span>;
        return (
          <ChangeSummary
            added={r.pagesAdded}
            removed={r.pagesRemoved}
            changed={r.pagesChanged}
            failed={r.pagesErrored}
          />
        );
      },
    }),
    col.accessor("createdAt", {
      header: () => sortHeader("Started", "createdAt"),
      meta: { label: "Started" },
      cell: (info) => (
        <Link href={`/runs/${info.row.original.id}`} className="hover:underline">
          {formatDateTime(info.getValue(), timeZone)}
        </Link>
      ),
    }),
  ]);
  return (
    <DataTable
      label="Runs"
      testId="runs-table"
      rowTestId="run-row"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      sort={{ id: sort, dir }}
      footer={footer}
    />
  );
}
