// The retention setting's choices and words, without database access (the settings form is a
// client component). The pruning itself is lib/runs/retention.ts.
import { z } from "zod";

export const RETENTION_CHOICES = [7, 14, 30, 90, 180, 365] as const;
export const RETENTION_MAX_DAYS = 3650;

/** The one rule for the setting: null (keep everything) or a whole number of days, 1–3650. */
export function isRetentionDays(v: number | null): boolean {
  return v === null || (Number.isInteger(v) && v >= 1 && v <= RETENTION_MAX_DAYS);
}

/** The settings form's field: "forever" (or empty) or a number of days. */
export const retentionDaysSchema = z
  .union([z.literal(""), z.literal("forever"), z.coerce.number()])
  .transform((v) => (v === "" || v === "forever" ? null : v))
  .refine(isRetentionDays, { message: "Choose a number of days from the list." });

/** The REST API's field (JSON): a number of days or null, by the same rule. */
export const retentionDaysJsonSchema = z
  .number()
  .nullable()
  .refine(isRetentionDays, {
    message: `Use a whole number of days from 1 to ${RETENTION_MAX_DAYS}, or null to keep every snapshot.`,
  });

/** "kept for every run" / "kept for 30 days", for the site page and settings. */
export function describeRetention(days: number | null): string {
  return days === null
    ? "Page snapshots (text and diffs) are kept for every run."
    : `Page snapshots (text and diffs) are kept for ${days} day${days === 1 ? "" : "s"}; older runs keep their summary, status and change counts, and each site's latest successful run keeps its snapshot as the baseline for the next diff.`;
}
