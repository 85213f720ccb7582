"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { recordAudit } from "@/lib/audit/record";
import { renameTeam } from "@/lib/teams/memberships";
import { isTimeZone } from "@/lib/teams/time-zones";

const settingsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(60, "Use at most 60 characters."),
  timeZone: z.string().refine(isTimeZone, "Choose a time zone from the list."),
});

export const updateTeamSettingsAction = teamAction(
  settingsSchema,
  { role: "admin" },
  async (input, ctx) => {
    await renameTeam({ teamId: ctx.team.id, ...input });
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
