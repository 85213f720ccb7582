"use client";

// The sites list: last run, recent changes and schedule per site, with Run now as the row action.
import { Eye, Pencil } from "lucide-react";
import Link from "next/link";
import { dataColumns } from "@/components/data-table/columns";
import { DataTable } from "@/components/data-table/data-table";
import { DataTablePagination } from "@/components/data-table/pagination";
import { RowActionsMenu, rowMenuItemClass } from "@/components/data-table/row-actions-menu";
import { formatDateTime } from "@/lib/format";
import { RunStatusBadge, type RunStatusName } from "../../runs/_components/run-status";
import { RunNowButton } from "./run-now-button";
import { Sparkline } from "./sparkline";

export type SiteRow = {
  id: string;
  name: string;
  startUrl: string;
  lastRun: { id: string; status: RunStatusName; createdAt: string } | null;
  recentChanges: number[];
  schedule: string;
};

const col = dataColumns<SiteRow>();

export function SitesTable({
  teamId,
  rows,
  timeZone,
  canRun,
  nextHref,
  firstHref,
}: {
  teamId: string;
  rows: SiteRow[];
  timeZone: string;
  canRun: boolean;
  nextHref?: string;
  firstHref?: string;
}) {
  const columns = col.columns([
    col.accessor("name", {
      header: "Site",
      meta: { primary: true },
      cell: ({ row: { original: site } }) => (
        <>
          <Link href={`/sites/${site.id}`} className="font-medium text-zinc-900 hover:underline">
            {site.name}
          </Link>
          <div className="max-w-xs truncate text-xs text-zinc-500 max-sm:max-w-full">
            {site.startUrl}
          </div>
        </>
      ),
    }),
    col.accessor("lastRun", {
      header: "Last run",
      cell: (info) => {
        const run = info.getValue();
        if (!run) return <span className="text-xs text-zinc-400">Never run</span>;
        return (
          <Link href={`/runs/${run.id}`} className="inline-block space-y-1 hover:underline">
            <RunStatusBadge status={run.status} />
            <div className="text-xs text-zinc-500">{formatDateTime(run.createdAt, timeZone)}</div>
          </Link>
        );
      },
    }),
    col.accessor("recentChanges", {
      header: "Recent changes",
      cell: (info) => <Sparkline values={info.getValue()} />,
    }),
    col.accessor("schedule", {
      header: "Schedule",
      cell: (info) => <span className="text-xs text-zinc-600">{info.getValue()}</span>,
    }),
  ]);
  return (
    <DataTable
      label="Sites"
      testId="sites-table"
      rowTestId="site-row"
      columns={columns}
      data={rows}
      getRowId={(r) => r.id}
      rowActions={
        canRun
          ? (site) => (
              <>
                <RunNowButton teamId={teamId} siteId={site.id} size="sm" />
                <RowActionsMenu label={`More actions for ${site.name}`}>
                  <Link href={`/sites/${site.id}`} data-menu-item className={rowMenuItemClass}>
                    <Eye className="size-4" aria-hidden />
                    Open site
                  </Link>
                  <Link href={`/sites/${site.id}/edit`} data-menu-item className={rowMenuItemClass}>
                    <Pencil className="size-4" aria-hidden />
                    Edit settings
                  </Link>
                </RowActionsMenu>
              </>
            )
          : undefined
      }
      footer={
        <DataTablePagination prevHref={firstHref} prevLabel="First page" nextHref={nextHref} />
      }
    />
  );
}
