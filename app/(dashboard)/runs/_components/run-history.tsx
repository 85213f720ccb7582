import { Activity } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Select } from "@/components/ui/form";
import { listRunsTable, RUN_SORT_FIELDS } from "@/lib/runs/queries";
import {
  RUN_SOURCE_OPTIONS,
  RUN_STATUS_OPTIONS,
  runTableQuery,
  type RunTableParams,
} from "@/lib/runs/table-params";
import { RUN_STATUS_LABELS, SOURCE_LABELS } from "./run-status";
import { RunsTable, type RunRow } from "./runs-table";

const PAGE_SIZE = 20;

/** Filterable, sortable, server-paginated run history (for the team or one site). */
export async function RunHistory({
  teamId,
  timeZone,
  params,
  basePath,
  siteId,
}: {
  teamId: string;
  timeZone: string;
  params: RunTableParams;
  basePath: string;
  siteId?: string;
}) {
  const filters = { ...params.filters, ...(siteId ? { siteId } : {}) };
  const result = await listRunsTable(teamId, filters, {
    page: params.page,
    pageSize: PAGE_SIZE,
    sort: params.sort,
    dir: params.dir,
  });
  const rows: RunRow[] = result.items.map((r) => ({
    id: r.id,
    status: r.status,
    skipReason: r.skipReason,
    source: r.source,
    siteId: r.siteId,
    siteName: r.site.name,
    siteDeleted: r.site.deletedAt !== null,
    pagesDone: r.pagesDone,
    pagesPlanned: r.pagesPlanned,
    pagesAdded: r.pagesAdded,
    pagesRemoved: r.pagesRemoved,
    pagesChanged: r.pagesChanged,
    pagesErrored: r.pagesErrored,
    baseline: r.baselineRunId === null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    error: r.error,
  }));
  const hrefFor = Object.fromEntries(
    RUN_SORT_FIELDS.map((f) => [
      f,
      `${basePath}${runTableQuery(params, {
        sort: f,
        dir: params.sort === f && params.dir === "desc" ? "asc" : "desc",
        page: undefined,
      })}`,
    ]),
  );
  const filtered = Boolean(params.filters.status || params.filters.source);
  return (
    <div className="space-y-3">
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-2">
        <label className="text-xs text-zinc-600">
          Status
          <Select name="status" defaultValue={params.filters.status ?? ""} className="mt-1 w-40">
            <option value="">Any status</option>
            {RUN_STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {RUN_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-xs text-zinc-600">
          Source
          <Select name="source" defaultValue={params.filters.source ?? ""} className="mt-1 w-40">
            <option value="">Any source</option>
            {RUN_SOURCE_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </Select>
        </label>
        <button type="submit" className={buttonClass("secondary", "md")}>
          Filter
        </button>
        {filtered ? (
          <Link href={basePath} className="px-2 text-sm text-zinc-600 hover:underline">
            Clear
          </Link>
        ) : null}
      </form>
      {rows.length === 0 ? (
        <EmptyState icon={<Activity className="size-8" aria-hidden />} title="No runs">
          {filtered
            ? "No runs match these filters."
            : "Every crawl is a run: started by hand, on a schedule, from CI or by an agent."}
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <RunsTable
            rows={rows}
            timeZone={timeZone}
            showSite={!siteId}
            sort={params.sort}
            dir={params.dir}
            hrefFor={hrefFor}
          />
          <nav
            aria-label="Pages"
            className="flex items-center justify-between border-t border-zinc-200 px-4 py-2 text-sm text-zinc-600"
          >
            <span>
              {result.total} run{result.total === 1 ? "" : "s"} · page {result.page} of{" "}
              {result.pageCount}
            </span>
            <span className="flex gap-2">
              {result.page > 1 ? (
                <Link
                  className={buttonClass("secondary", "sm")}
                  href={`${basePath}${runTableQuery(params, { page: result.page - 1 })}`}
                >
                  ← Previous
                </Link>
              ) : null}
              {result.page < result.pageCount ? (
                <Link
                  className={buttonClass("secondary", "sm")}
                  href={`${basePath}${runTableQuery(params, { page: result.page + 1 })}`}
                >
                  Next →
                </Link>
              ) : null}
            </span>
          </nav>
        </Card>
      )}
    </div>
  );
}
