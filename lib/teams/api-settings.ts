// Team settings as the REST API shows and changes them (snake_case, parsed on the way out).
import { z } from "zod";
import { recordAudit, type AuditActor, type RequestMeta } from "@/lib/audit/record";
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
  })
  .strict()
  .refine((v) => v.name !== undefined || v.time_zone !== undefined, "Send name and/or time_zone.");

export async function teamForApi(teamId: string) {
  const t = await getTeamSettings(teamId);
  return teamOut.parse({
    id: t.id,
    name: t.name,
    slug: t.slug,
    time_zone: t.timeZone,
    personal: t.personal,
    created_at: t.createdAt.toISOString(),
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
  await recordAudit({
    teamId,
    actor,
    action: "team.updated",
    targetType: "team",
    targetId: teamId,
    metadata: next,
    request,
  });
  return teamForApi(teamId);
}
