import { Activity } from "lucide-react";
import { DataTableFilters } from "@/components/data-table/filters";
import { DataTablePagination } from "@/components/data-table/pagination";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listRunsTable, runCountLabel, RUN_SORT_FIELDS } from "@/lib/runs/queries";
import {
  RUN_SOURCE_OPTIONS,
  RUN_STATUS_OPTIONS,
  runTableQuery,
  type RunTableParams,
} from "@/lib/runs/table-params";
import { RUN_STATUS_LABELS, SOURCE_LABELS } from "./run-status";
import { RunsTable, type RunRow } from "./runs-table";

const PAGE_SIZE = 20;

/**
 * Filterable run history (for the team or one site) in keyset pages by start time: Previous/Next
 * links carry a cursor, so a deep page costs what the first does, and the total is capped
 * ("1,000+ runs") rather than counted over all history.
 */
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
    after: params.after,
    before: params.before,
    pageSize: PAGE_SIZE,
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
        after: undefined,
        before: undefined,
      })}`,
    ]),
  );
  const filtered = Boolean(params.filters.status || params.filters.source);
  // A filter change keeps a non-default sort (the defaults stay out of the URL).
  const keep: Record<string, string> = {};
  if (params.sort !== "createdAt") keep.sort = params.sort;
  if (params.dir !== "desc") keep.dir = params.dir;
  return (
    <div className="space-y-3">
      <DataTableFilters
        action={basePath}
        clearHref={basePath}
        keep={keep}
        fields={[
          {
            name: "status",
            label: "Status",
            anyLabel: "Any status",
            value: params.filters.status ?? "",
            options: RUN_STATUS_OPTIONS.map((s) => ({
              value: s,
              label: RUN_STATUS_LABELS[s],
            })),
          },
          {
            name: "source",
            label: "Source",
            anyLabel: "Any source",
            value: params.filters.source ?? "",
            options: RUN_SOURCE_OPTIONS.map((s) => ({ value: s, label: SOURCE_LABELS[s] })),
          },
        ]}
      />
      {rows.length === 0 ? (
        <EmptyState icon={<Activity className="size-8" aria-hidden />} title="No runs">
          {filtered
            ? "No runs match these filters."
            : "Every crawl is a run: started by hand, on a schedule, from CI or by an agent."}
        </EmptyState>
      ) : (
        <Card>
          <RunsTable
            rows={rows}
            timeZone={timeZone}
            showSite={!siteId}
            sort={params.sort}
            dir={params.dir}
            hrefFor={hrefFor}
            footer={
              <DataTablePagination
                summary={`${runCountLabel(result.total)} · ${params.dir === "desc" ? "newest" : "oldest"} first`}
                prevHref={
                  result.prevCursor
                    ? `${basePath}${runTableQuery(params, { before: result.prevCursor, after: undefined })}`
                    : undefined
                }
                nextHref={
                  result.nextCursor
                    ? `${basePath}${runTableQuery(params, { after: result.nextCursor, before: undefined })}`
                    : undefined
                }
              />
            }
          />
        </Card>
      )}
    </div>
  );
}
