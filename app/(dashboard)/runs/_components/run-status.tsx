import { Badge } from "@/components/ui/badge";

const TONES = {
  queued: "blue",
  running: "violet",
  succeeded: "green",
  succeeded_with_errors: "amber",
  failed: "red",
  cancelled: "neutral",
  skipped: "amber",
} as const;

export const RUN_STATUS_LABELS = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  succeeded_with_errors: "Succeeded with errors",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped",
} as const;

export type RunStatusName = keyof typeof TONES;

export function RunStatusBadge({
  status,
  skipReason,
}: {
  status: RunStatusName;
  skipReason?: string | null;
}) {
  return (
    <Badge tone={TONES[status]}>
      {RUN_STATUS_LABELS[status]}
      {status === "skipped" && skipReason ? ` — ${skipReason}` : ""}
    </Badge>
  );
}

export const SOURCE_LABELS = {
  manual: "Manual",
  schedule: "Schedule",
  ci: "CI",
  agent_api: "Agent API",
  api: "REST API",
} as const;

export function ChangeSummary({
  added,
  removed,
  changed,
  failed = 0,
}: {
  added: number;
  removed: number;
  changed: number;
  /** Pages that could not be fetched: shown so "No changes" never hides them. */
  failed?: number;
}) {
  if (!added && !removed && !changed && !failed)
    return <span className="text-zinc-500">No changes</span>;
  return (
    <span className="space-x-2 tabular-nums">
      {failed ? <span className="text-red-700">{failed} failed</span> : null}
      {changed ? <span className="text-amber-700">{changed} changed</span> : null}
      {added ? <span className="text-emerald-700">{added} added</span> : null}
      {removed ? <span className="text-red-700">{removed} removed</span> : null}
    </span>
  );
}
