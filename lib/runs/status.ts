// Run states. queued → running → succeeded | failed | cancelled; skipped is a scheduled start that
// the concurrency limit refused (recorded, never run).
import type { RunStatus } from "@/lib/generated/prisma/enums";

/** Non-terminal states: every run in one of these holds a concurrency slot. */
export const ACTIVE_STATUSES = ["queued", "running"] as const satisfies readonly RunStatus[];
export const TERMINAL_STATUSES = [
  "succeeded",
  "failed",
  "cancelled",
  "skipped",
] as const satisfies readonly RunStatus[];

export function isActive(status: RunStatus): boolean {
  return (ACTIVE_STATUSES as readonly RunStatus[]).includes(status);
}

export function limitMessage(active: number, limit: number): string {
  return `${active} of ${limit} crawls running — wait for a run to finish or cancel one`;
}
