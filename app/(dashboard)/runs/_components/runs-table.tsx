"use client";

// The run history table: rows, sorting and pages come from the server (search params); TanStack
// Table renders the columns.
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { ArrowDown, ArrowUp } from "lucide-react";
import Link from "next/link";
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

const features = tableFeatures({});
const col = createColumnHelper<typeof features, RunRow>();

export function RunsTable({
  rows,
  timeZone,
  showSite,
  sort,
  dir,
  hrefFor,
}: {
  rows: RunRow[];
  timeZone: string;
  showSite: boolean;
  sort: string;
  dir: "asc" | "desc";
  /** Search params for a sort link, built on the server's current query. */
  hrefFor: Record<string, string>;
}) {
  const sortHeader = (label: string, field: string) => {
    const active = sort === field;
    const Icon = active && dir === "asc" ? ArrowUp : ArrowDown;
    return (
      <Link
        href={hrefFor[field] ?? "#"}
        className="inline-flex items-center gap-1 hover:text-zinc-900"
        aria-label={`Sort by ${label}`}
      >
        {label}
        {active ? <Icon className="size-3" aria-hidden /> : null}
      </Link>
    );
  };
  const columns = col.columns([
    col.accessor("status", {
      header: () => sortHeader("Status", "status"),
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
      header: () => sortHeader("Source", "source"),
      cell: (info) => SOURCE_LABELS[info.getValue()],
    }),
    col.accessor("pagesDone", {
      header: () => sortHeader("Pages", "pagesDone"),
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
      cell: (info) => (
        <Link href={`/runs/${info.row.original.id}`} className="hover:underline">
          {formatDateTime(info.getValue(), timeZone)}
        </Link>
      ),
    }),
  ]);
  const table = useTable({ features, columns, data: rows, getRowId: (r) => r.id });
  return (
    <table className="w-full text-sm" data-testid="runs-table">
      <thead className="border-b border-zinc-200 bg-zinc-50 text-left text-xs font-medium text-zinc-600 uppercase">
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} className="px-4 py-2">
                <table.FlexRender header={header} />
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody className="divide-y divide-zinc-100">
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className="px-4 py-2.5">
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
