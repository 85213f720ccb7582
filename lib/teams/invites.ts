// Invite links: single-use, expiring, carrying a role. Only the token's hash is stored, so the
// link is shown once, to the person who made it.
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { randomUrlToken, sha256Hex } from "@/lib/credentials/material/hash";
import { withTeamLocked } from "@/lib/teams/memberships";
import type { Role } from "@/lib/teams/roles";

export const INVITE_TTL_DAYS = 7;

export async function createInvite(input: {
  teamId: string;
  role: Role;
  createdById: string;
  actorRole: Role;
}) {
  if (input.role === "owner" && input.actorRole !== "owner") {
    throw new DomainError("Only an owner can invite another owner.", {
      code: "forbidden",
      field: "role",
    });
  }
  const token = randomUrlToken(32);
  const invite = await db.invite.create({
    data: {
      teamId: input.teamId,
      role: input.role,
      tokenHash: sha256Hex(token),
      createdById: input.createdById,
      expiresAt: new Date(Date.now() + INVITE_TTL_DAYS * 24 * 3600 * 1000),
    },
  });
  return { invite, token };
}

export async function listPendingInvites(teamId: string) {
  return db.invite.findMany({
    where: { teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvite(input: { teamId: string; inviteId: string }) {
  const res = await db.invite.updateMany({
    where: { id: input.inviteId, teamId: input.teamId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (res.count === 0)
    throw new DomainError("That invite is no longer pending.", { code: "not_found" });
}

export type InviteLookup =
  | {
      state: "valid";
      invite: { id: string; role: Role; expiresAt: Date; team: { id: string; name: string } };
    }
  | { state: "expired" | "used" | "revoked" | "unknown" };

/** What an invite link points at, without consuming it. */
export async function lookupInvite(token: string): Promise<InviteLookup> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const invite = await db.invite.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { team: { select: { id: true, name: true } } },
  });
  if (!invite) return { state: "unknown" };
  if (invite.revokedAt) return { state: "revoked" };
  if (invite.acceptedAt) return { state: "used" };
  if (invite.expiresAt <= new Date()) return { state: "expired" };
  return { state: "valid", invite };
}

/**
 * Accepts an invite for `userId`. The invite is consumed with a conditional update, so two people
 * racing on one link cannot both join. Someone already in the team keeps their role.
 */
export async function acceptInvite(input: { token: string; userId: string }) {
  const found = await lookupInvite(input.token);
  if (found.state !== "valid") {
    throw new DomainError(inviteStateMessage(found.state), {
      code: `invite_${found.state}` as const,
    });
  }
  const { invite } = found;
  // Joining is a membership change like any other: serialised with the team's other changes.
  return withTeamLocked(invite.team.id, async (tx) => {
    const already = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: invite.team.id, userId: input.userId } },
    });
    if (already) return { teamId: invite.team.id, joined: false };
    const consumed = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date(), acceptedById: input.userId },
    });
    if (consumed.count !== 1) {
      throw new DomainError(inviteStateMessage("used"), { code: "invite_used" });
    }
    await tx.membership.create({
      data: { teamId: invite.team.id, userId: input.userId, role: invite.role },
    });
    return { teamId: invite.team.id, joined: true };
  });
}

export function inviteStateMessage(state: "expired" | "used" | "revoked" | "unknown"): string {
  switch (state) {
    case "expired":
      return "This invite link has expired. Ask a team admin for a new one.";
    case "used":
      return "This invite link has already been used. Invite links work once.";
    case "revoked":
      return "This invite link was revoked by a team admin.";
    default:
      return "This invite link is not valid. Check that you copied the whole link.";
  }
}
