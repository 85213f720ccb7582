"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { recordAudit } from "@/lib/audit/record";
import { retentionDaysSchema, setSnapshotRetention } from "@/lib/runs/retention";
import { renameTeam } from "@/lib/teams/memberships";
import { isTimeZone } from "@/lib/teams/time-zones";

const settingsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(60, "Use at most 60 characters."),
  timeZone: z.string().refine(isTimeZone, "Choose a time zone from the list."),
  // Absent from older forms: leaves the setting as it is.
  retentionDays: retentionDaysSchema.optional(),
});

export const updateTeamSettingsAction = teamAction(
  settingsSchema,
  { role: "admin" },
  async (input, ctx) => {
    const { retentionDays, ...names } = input;
    await renameTeam({ teamId: ctx.team.id, ...names });
    if (retentionDays !== undefined) await setSnapshotRetention(ctx.team.id, retentionDays);
    await recordAudit({
      teamId: ctx.team.id,
      actor: { userId: ctx.user.id, label: ctx.user.email ?? ctx.user.id },
      action: "team.updated",
      targetType: "team",
      targetId: ctx.team.id,
      metadata: input,
      request: ctx.request,
    });
    revalidatePath("/", "layout");
    return { message: "Team settings saved." };
  },
);
