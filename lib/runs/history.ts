// The run-history chart's data: a bounded window (the last 50 finished runs within 30 days) of one
// site or the whole team — never an aggregate over all history — and a plain-words summary that
// the chart shows as its caption for people who do not read charts.
import { db } from "@/lib/db";
import type { RunStatus } from "@/lib/generated/prisma/enums";

export const HISTORY_MAX_RUNS = 50;
export const HISTORY_DAYS = 30;

export type HistoryPoint = {
  id: string;
  /** ISO time the run was created. */
  at: string;
  status: RunStatus;
  siteName: string;
  /** Wall time from start to finish, in seconds (null when it never started). */
  durationS: number | null;
  /** Added + removed + changed pages. */
  changed: number;
  failedPages: number;
};

export type HistorySummary = {
  runs: number;
  days: number;
  medianDurationS: number | null;
  runsWithChanges: number;
  failed: number;
  withErrors: number;
  text: string;
};

const FINISHED: RunStatus[] = ["succeeded", "succeeded_with_errors", "failed", "cancelled"];

export async function getRunHistory(
  teamId: string,
  opts: { siteId?: string; now?: Date } = {},
): Promise<HistoryPoint[]> {
  const since = new Date((opts.now ?? new Date()).getTime() - HISTORY_DAYS * 86_400_000);
  const runs = await db.run.findMany({
    where: {
      teamId,
      ...(opts.siteId ? { siteId: opts.siteId } : {}),
      status: { in: FINISHED },
      createdAt: { gte: since },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_MAX_RUNS,
    select: {
      id: true,
      createdAt: true,
      status: true,
      startedAt: true,
      finishedAt: true,
      pagesAdded: true,
      pagesRemoved: true,
      pagesChanged: true,
      pagesErrored: true,
      site: { select: { name: true } },
    },
  });
  return runs.reverse().map((r) => ({
    id: r.id,
    at: r.createdAt.toISOString(),
    status: r.status,
    siteName: r.site.name,
    durationS:
      r.startedAt && r.finishedAt
        ? Math.max(0, Math.round((r.finishedAt.getTime() - r.startedAt.getTime()) / 100) / 10)
        : null,
    changed: r.pagesAdded + r.pagesRemoved + r.pagesChanged,
    failedPages: r.pagesErrored,
  }));
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export function summariseHistory(points: HistoryPoint[]): HistorySummary {
  const durations = points.flatMap((p) => (p.durationS === null ? [] : [p.durationS]));
  const med = median(durations);
  const runsWithChanges = points.filter((p) => p.changed > 0).length;
  const failed = points.filter((p) => p.status === "failed").length;
  const withErrors = points.filter((p) => p.status === "succeeded_with_errors").length;
  const n = points.length;
  const text = n
    ? [
        `Last ${n} finished run${n === 1 ? "" : "s"} (at most ${HISTORY_MAX_RUNS}, within ${HISTORY_DAYS} days)`,
        med !== null ? `median duration ${med.toFixed(1)} s` : null,
        `${runsWithChanges} with changed pages`,
        `${failed} failed`,
        `${withErrors} succeeded with errors`,
      ]
        .filter(Boolean)
        .join(", ") + "."
    : `No finished runs in the last ${HISTORY_DAYS} days.`;
  return {
    runs: n,
    days: HISTORY_DAYS,
    medianDurationS: med,
    runsWithChanges,
    failed,
    withErrors,
    text,
  };
}
