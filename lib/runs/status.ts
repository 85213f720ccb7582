// Run states. queued → running → succeeded | succeeded_with_errors | failed | cancelled; skipped is
// a scheduled start that the concurrency limit refused (recorded, never run).
import type { RunStatus } from "@/lib/generated/prisma/enums";

/** Non-terminal states: every run in one of these holds a concurrency slot. */
export const ACTIVE_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];
export const TERMINAL_STATUSES = [
  "succeeded",
  "succeeded_with_errors",
  "failed",
  "cancelled",
  "skipped",
] as const satisfies readonly RunStatus[];
/** Every status, in the order filters list them. */
export const RUN_STATUSES = [
  ...ACTIVE_STATUSES,
  ...TERMINAL_STATUSES,
] as const satisfies readonly RunStatus[];
/** Finished crawls whose pages are a usable baseline for the next run (errored pages excluded). */
export const COMPLETED_STATUSES = [
  "succeeded",
  "succeeded_with_errors",
] as const satisfies readonly RunStatus[];

export function isActive(status: RunStatus): boolean {
  return (ACTIVE_STATUSES as readonly RunStatus[]).includes(status);
}

export function isCompleted(status: RunStatus): boolean {
  return (COMPLETED_STATUSES as readonly RunStatus[]).includes(status);
}

/**
 * How a crawl that ran to the end finishes: any page that could not be fetched makes it
 * "succeeded with errors", and a run where no page at all could be fetched has failed.
 */
export function crawlOutcome(
  pages: number,
  failed: number,
): "succeeded" | "succeeded_with_errors" | "failed" {
  if (failed === 0) return "succeeded";
  return failed >= pages ? "failed" : "succeeded_with_errors";
}

export function limitMessage(active: number, limit: number): string {
  return `${active} of ${limit} crawls running — wait for a run to finish or cancel one`;
}

export type CapacityState = "ok" | "full" | "over";

/**
 * How the capacity line reads. More runs than the limit can be active after a downgrade (a paid
 * key expired or was revoked while 3 crawls ran): they finish, but nothing new starts until the
 * count is below the limit — say that instead of a puzzling "3 of 1".
 */
export function describeCapacity(c: { active: number; limit: number; plan: "free" | "paid" }): {
  state: CapacityState;
  detail: string | null;
} {
  const planName = c.plan === "paid" ? "Paid" : "Free";
  if (c.active > c.limit) {
    return {
      state: "over",
      detail: `Over the ${planName} plan limit of ${c.limit}: these runs started before the plan changed and will finish; new runs are refused until ${c.limit === 1 ? "none is" : `fewer than ${c.limit} are`} running.`,
    };
  }
  if (c.active === c.limit) {
    return {
      state: "full",
      detail: `At the ${planName} plan limit: a new run is refused (429) until one finishes.`,
    };
  }
  return { state: "ok", detail: null };
}
