// Runs as the Agent API returns them (lib/runs/api-view.ts is the shape's source), checked on the
// way in, and the CLI's own stable JSON for them (documented on /docs/cli).
import type { RunJson, RunPageJson } from "@/lib/runs/api-view";
import { CliError, EXIT } from "./exit-codes";

export type Run = RunJson;
export type RunDetail = RunJson & { pages: RunPageJson[] };

export const TERMINAL = new Set([
  "succeeded",
  "succeeded_with_errors",
  "failed",
  "cancelled",
  "skipped",
]);
export const CHANGE_KINDS = ["changed", "added", "removed"] as const;

function notApi(what: string): CliError {
  return new CliError(
    `The API answered with an unexpected ${what}: is SIGNALDIFF_API_BASE_URL your Signal Diff origin?`,
    EXIT.usage,
    "unexpected_answer",
  );
}

function isRun(value: unknown): value is Run {
  const v = value as Partial<Run> | null;
  return (
    typeof v?.id === "string" &&
    typeof v.status === "string" &&
    typeof v.url === "string" &&
    typeof v.counts === "object" &&
    v.counts !== null &&
    typeof v.counts.done === "number"
  );
}

/** `{ data: run }` (with pages when `detail`). */
export function runOf(body: unknown, detail: true): RunDetail;
export function runOf(body: unknown, detail?: false): Run;
export function runOf(body: unknown, detail = false): Run | RunDetail {
  const data = (body as { data?: unknown } | null)?.data;
  if (!isRun(data)) throw notApi("run");
  if (detail && !Array.isArray((data as Partial<RunDetail>).pages)) throw notApi("run");
  return data;
}

/** `{ data: [...], next_cursor }`. */
export function pageOf<T>(body: unknown, check: (item: unknown) => boolean, what: string) {
  const b = body as { data?: unknown; next_cursor?: unknown } | null;
  if (!Array.isArray(b?.data) || !b.data.every(check)) throw notApi(`${what} list`);
  return {
    data: b.data as T[],
    next_cursor: typeof b.next_cursor === "string" ? b.next_cursor : null,
  };
}
export const isRunItem = isRun;

/** `{ run_id, status, url }` of POST /api/trigger/ci. */
export function startedOf(body: unknown): { run_id: string; status: string; url: string } {
  const b = body as { run_id?: unknown; status?: unknown; url?: unknown } | null;
  if (typeof b?.run_id !== "string" || typeof b.status !== "string" || typeof b.url !== "string") {
    throw notApi("trigger answer");
  }
  return { run_id: b.run_id, status: b.status, url: b.url };
}

export type ChangedPage = {
  url: string;
  change: (typeof CHANGE_KINDS)[number];
  title: string | null;
  http_status: number | null;
  previous_status: number | null;
};

/** The run's changed, added and removed pages, in that order. */
export function changedPages(run: RunDetail): ChangedPage[] {
  return CHANGE_KINDS.flatMap((kind) =>
    run.pages
      .filter((p) => p.change === kind)
      .map((p) => ({
        url: p.url,
        change: kind,
        title: p.title,
        http_status: p.http_status,
        previous_status: p.previous_status,
      })),
  );
}

export function changeCount(run: Run): number {
  return run.counts.changed + run.counts.added + run.counts.removed;
}

/** A run without its pages (the `run` member of the CLI's JSON). */
export function withoutPages(run: Run | RunDetail): Run {
  const copy: Partial<RunDetail> = { ...run };
  delete copy.pages;
  return copy as Run;
}
