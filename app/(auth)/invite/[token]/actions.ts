"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { userAction } from "@/lib/actions/team-action";
import { recordAudit } from "@/lib/audit/record";
import { rememberActiveTeam } from "@/lib/teams/active-team";
import { acceptInvite } from "@/lib/teams/invites";

export const acceptInviteAction = userAction(
  z.object({ token: z.string().min(1).max(200) }),
  async ({ token }, { user, request }) => {
    const { teamId, joined } = await acceptInvite({ token, userId: user.id });
    if (joined) {
      await recordAudit({
        teamId,
        actor: { userId: user.id, label: user.email ?? user.id },
        action: "member.joined",
        targetType: "user",
        targetId: user.id,
        request,
      });
    }
    await rememberActiveTeam(teamId);
    redirect("/dashboard");
  },
);
