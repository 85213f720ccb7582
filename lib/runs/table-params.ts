// Search params of the run history table (filters, sort, page), parsed leniently: a bad value
// falls back to the default instead of failing the page.
import { z } from "zod";
import { RUN_STATUSES } from "@/lib/runs/status";
import { RUN_SORT_FIELDS, type RunFilters, type RunSortField } from "@/lib/runs/queries";

const STATUSES = RUN_STATUSES;
const SOURCES = ["manual", "schedule", "ci", "agent_api", "api"] as const;

const schema = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  source: z.enum(SOURCES).optional().catch(undefined),
  siteId: z.string().max(60).optional().catch(undefined),
  sort: z.enum(RUN_SORT_FIELDS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).optional().catch(undefined),
});

export type RunTableParams = {
  filters: RunFilters;
  sort: RunSortField;
  dir: "asc" | "desc";
  page: number;
};

export function parseRunTableParams(raw: Record<string, string | string[] | undefined>) {
  const flat = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
  );
  const p = schema.parse(flat);
  return {
    filters: { status: p.status, source: p.source, siteId: p.siteId },
    sort: p.sort ?? "createdAt",
    dir: p.dir ?? "desc",
    page: p.page ?? 1,
  } satisfies RunTableParams;
}

export const RUN_STATUS_OPTIONS = STATUSES;
export const RUN_SOURCE_OPTIONS = SOURCES;

/** The query string for these params with some replaced (empty values dropped). */
export function runTableQuery(
  p: RunTableParams,
  patch: Record<string, string | number | undefined>,
) {
  const q = new URLSearchParams();
  const merged: Record<string, string | number | undefined> = {
    status: p.filters.status,
    source: p.filters.source,
    siteId: p.filters.siteId,
    sort: p.sort === "createdAt" ? undefined : p.sort,
    dir: p.dir === "desc" ? undefined : p.dir,
    page: p.page === 1 ? undefined : p.page,
    ...patch,
  };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
