// Search params of the run history table (filters, direction, keyset cursors), parsed leniently:
// a bad value falls back to the default instead of failing the page. Old `page=`/`sort=` links
// (numbered pages, other sort columns) simply open the first page newest first.
import { z } from "zod";
import { decodeCursor } from "@/lib/api/pagination";
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
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});

const cursorOf = (value: string | undefined) =>
  value !== undefined && decodeCursor(value) ? value : undefined;

export type RunTableParams = {
  filters: RunFilters;
  sort: RunSortField;
  dir: "asc" | "desc";
  /** Keyset cursors: the page after `after` / before `before` (at most one is set). */
  after?: string;
  before?: string;
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
    after: p.before ? undefined : cursorOf(p.after),
    before: cursorOf(p.before),
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
    after: p.after,
    before: p.before,
    ...patch,
  };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
