"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { teamAction } from "@/lib/actions/team-action";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { createInvite, revokeInvite } from "@/lib/teams/invites";
import { changeMemberRole, leaveTeam, removeMember } from "@/lib/teams/memberships";
import { ROLES } from "@/lib/teams/roles";
import type { TeamContext } from "@/lib/actions/team-action";

const role = z.enum(ROLES, { error: "Choose a role." });
const id = z.string().min(1).max(100);

const actor = (ctx: TeamContext) => ({ userId: ctx.user.id, label: ctx.user.email ?? ctx.user.id });

export const createInviteAction = teamAction(
  z.object({ role }),
  { role: "admin" },
  async (input, ctx) => {
    const { invite, token } = await createInvite({
      teamId: ctx.team.id,
      role: input.role,
      createdById: ctx.user.id,
      actorRole: ctx.role,
    });
    await recordAudit({
      teamId: ctx.team.id,
      actor: actor(ctx),
      action: "invite.created",
      targetType: "invite",
      targetId: invite.id,
      metadata: { role: input.role },
      request: ctx.request,
    });
    revalidatePath("/settings/members");
    return {
      message: "Invite link created.",
      data: { url: `${env().APP_URL}/invite/${token}`, expiresAt: invite.expiresAt.toISOString() },
    };
  },
);

export const revokeInviteAction = teamAction(
  z.object({ inviteId: id }),
  { role: "admin" },
  async (input, ctx) => {
    await revokeInvite({ teamId: ctx.team.id, inviteId: input.inviteId });
    await recordAudit({
      teamId: ctx.team.id,
      actor: actor(ctx),
      action: "invite.revoked",
      targetType: "invite",
      targetId: input.inviteId,
      request: ctx.request,
    });
    revalidatePath("/settings/members");
    return { message: "Invite revoked." };
  },
);

export const changeRoleAction = teamAction(
  z.object({ membershipId: id, role }),
  { role: "admin" },
  async (input, ctx) => {
    const updated = await changeMemberRole({
      teamId: ctx.team.id,
      actorUserId: ctx.user.id,
      ...input,
    });
    await recordAudit({
      teamId: ctx.team.id,
      actor: actor(ctx),
      action: "member.role_changed",
      targetType: "user",
      targetId: updated.userId,
      metadata: { role: input.role },
      request: ctx.request,
    });
    revalidatePath("/settings/members");
    return { message: "Role updated." };
  },
);

export const removeMemberAction = teamAction(
  z.object({ membershipId: id }),
  { role: "admin" },
  async (input, ctx) => {
    const removed = await removeMember({
      teamId: ctx.team.id,
      actorUserId: ctx.user.id,
      ...input,
    });
    await recordAudit({
      teamId: ctx.team.id,
      actor: actor(ctx),
      action: "member.removed",
      targetType: "user",
      targetId: removed.userId,
      request: ctx.request,
    });
    revalidatePath("/settings/members");
    return { message: "Member removed." };
  },
);

// Leaving needs only membership: viewers may leave too.
export const leaveTeamAction = teamAction(z.object({}), { role: "viewer" }, async (_input, ctx) => {
  await leaveTeam({ teamId: ctx.team.id, userId: ctx.user.id });
  await recordAudit({
    teamId: ctx.team.id,
    actor: actor(ctx),
    action: "member.left",
    targetType: "user",
    targetId: ctx.user.id,
    request: ctx.request,
  });
  redirect("/dashboard");
});
