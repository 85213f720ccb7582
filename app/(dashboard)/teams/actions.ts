"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/actions/team-action";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { DomainError } from "@/lib/errors";
import { rememberActiveTeam } from "@/lib/teams/active-team";
import { createTeam } from "@/lib/teams/create-team";
import { getMembership } from "@/lib/teams/memberships";
import { recordAudit } from "@/lib/audit/record";

const teamName = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(60, "Use at most 60 characters.");

export const createTeamAction = userAction(
  z.object({ name: teamName }),
  async ({ name }, { user, request }) => {
    const team = await createTeam({ name, userId: user.id });
    await recordAudit({
      teamId: team.id,
      actor: { userId: user.id, label: user.email ?? user.id },
      action: "team.created",
      targetType: "team",
      targetId: team.id,
      request,
    });
    await rememberActiveTeam(team.id);
    redirect("/dashboard");
  },
);

export const switchTeamAction = userAction(
  z.object({ teamId: z.string().min(1), next: z.string().optional() }),
  async ({ teamId, next }, { user }) => {
    if (!(await getMembership(user.id, teamId))) {
      throw new DomainError("You are not a member of that team.", { code: "not_found" });
    }
    await rememberActiveTeam(teamId);
    redirect(safeCallbackPath(next));
  },
);
