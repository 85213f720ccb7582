// Team settings as the REST API shows and changes them (snake_case, parsed on the way out).
import { z } from "zod";
import { recordAudit, type AuditActor, type RequestMeta } from "@/lib/audit/record";
import { setSnapshotRetention } from "@/lib/runs/retention";
import { retentionDaysJsonSchema } from "@/lib/runs/retention-choices";
import { renameTeam } from "@/lib/teams/memberships";
import { getTeamSettings } from "@/lib/teams/settings";
import { isTimeZone } from "@/lib/teams/time-zones";

export const teamOut = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  time_zone: z.string(),
  personal: z.boolean(),
  created_at: z.string(),
  snapshot_retention_days: z
    .number()
    .int()
    .nullable()
    .describe(
      "Days full page snapshots (text and diffs) are kept; null keeps every run's. Run summaries, statuses and change counts are kept forever, and each site's latest successful run keeps its snapshot.",
    ),
});

export const teamPatch = z
  .object({
    name: z
      .string()
      .trim()
      .min(2, "Use at least 2 characters.")
      .max(60, "Use at most 60 characters.")
      .optional(),
    time_zone: z
      .string()
      .refine(isTimeZone, "Use an IANA time zone such as Europe/Berlin.")
      .optional(),
    snapshot_retention_days: retentionDaysJsonSchema
      .optional()
      .describe(
        "Keep full page snapshots for this many days (a whole number, 1–3650), or null to keep everything. A number starts pruning older runs' snapshots within minutes.",
      ),
  })
  .strict()
  .refine(
    (v) =>
      v.name !== undefined || v.time_zone !== undefined || v.snapshot_retention_days !== undefined,
    "Send name, time_zone and/or snapshot_retention_days.",
  );

export async function teamForApi(teamId: string) {
  const t = await getTeamSettings(teamId);
  return teamOut.parse({
    id: t.id,
    name: t.name,
    slug: t.slug,
    time_zone: t.timeZone,
    personal: t.personal,
    created_at: t.createdAt.toISOString(),
    snapshot_retention_days: t.snapshotRetentionDays,
  });
}

export async function updateTeamFromApi(
  teamId: string,
  patch: z.infer<typeof teamPatch>,
  actor: AuditActor,
  request?: RequestMeta,
) {
  const current = await getTeamSettings(teamId);
  const next = { name: patch.name ?? current.name, timeZone: patch.time_zone ?? current.timeZone };
  await renameTeam({ teamId, ...next });
  const retention = patch.snapshot_retention_days;
  if (retention !== undefined) await setSnapshotRetention(teamId, retention);
  await recordAudit({
    teamId,
    actor,
    action: "team.updated",
    targetType: "team",
    targetId: teamId,
    metadata: retention === undefined ? next : { ...next, retentionDays: retention },
    request,
  });
  return teamForApi(teamId);
}
