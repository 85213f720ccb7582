// Who belongs to which team. Every read here is scoped by teamId and/or userId.
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/teams/roles";

export async function listUserTeams(userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    include: {
      team: { select: { id: true, name: true, slug: true, personal: true, timeZone: true } },
    },
    orderBy: [{ team: { personal: "desc" } }, { team: { name: "asc" } }],
  });
  return rows.map((m) => ({ ...m.team, role: m.role }));
}

export async function getMembership(userId: string, teamId: string) {
  return db.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    include: { team: true },
  });
}

export async function getMembershipBySlug(userId: string, slug: string) {
  return db.membership.findFirst({ where: { userId, team: { slug } }, include: { team: true } });
}

export async function listMembers(teamId: string) {
  return db.membership.findMany({
    where: { teamId },
    include: {
      user: { select: { id: true, name: true, email: true, image: true, githubLogin: true } },
    },
    orderBy: [{ createdAt: "asc" }],
  });
}

async function ownerCount(teamId: string) {
  return db.membership.count({ where: { teamId, role: "owner" } });
}

/** Changes a member's role. Only owners grant or take away ownership; a team keeps one owner. */
export async function changeMemberRole(input: {
  teamId: string;
  actorRole: Role;
  membershipId: string;
  role: Role;
}) {
  const target = await db.membership.findFirst({
    where: { id: input.membershipId, teamId: input.teamId },
  });
  if (!target) throw new DomainError("That member is not in this team.", { code: "not_found" });
  if ((target.role === "owner" || input.role === "owner") && input.actorRole !== "owner") {
    throw new DomainError("Only an owner can grant or remove the owner role.", {
      code: "forbidden",
    });
  }
  if (target.role === "owner" && input.role !== "owner" && (await ownerCount(input.teamId)) <= 1) {
    throw new DomainError("A team needs at least one owner. Make someone else an owner first.", {
      code: "last_owner",
    });
  }
  return db.membership.update({ where: { id: target.id }, data: { role: input.role } });
}

/** Removes a member (not yourself: use leaveTeam). Admins cannot remove owners. */
export async function removeMember(input: {
  teamId: string;
  actorUserId: string;
  actorRole: Role;
  membershipId: string;
}) {
  const target = await db.membership.findFirst({
    where: { id: input.membershipId, teamId: input.teamId },
  });
  if (!target) throw new DomainError("That member is not in this team.", { code: "not_found" });
  if (target.userId === input.actorUserId) {
    throw new DomainError("Use “Leave team” to remove yourself.", { code: "invalid_request" });
  }
  if (target.role === "owner" && input.actorRole !== "owner") {
    throw new DomainError("Only an owner can remove another owner.", {
      code: "forbidden",
    });
  }
  await db.membership.delete({ where: { id: target.id } });
  return target;
}

/** Leaves a team. The last owner cannot leave: the team would have nobody to run it. */
export async function leaveTeam(input: { teamId: string; userId: string }) {
  return db.$transaction(async (tx) => {
    // Lock the team's owner rows so two owners leaving at once cannot both succeed.
    const owners = await tx.$queryRaw<{ userId: string }[]>`
      SELECT "userId" FROM "Membership" WHERE "teamId" = ${input.teamId} AND role = 'owner' FOR UPDATE`;
    const me = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: input.userId } },
    });
    if (!me) throw new DomainError("You are not a member of this team.", { code: "not_found" });
    if (me.role === "owner" && owners.length <= 1) {
      throw new DomainError(
        "You are the last owner of this team. Make another member an owner before you leave.",
        { code: "last_owner" },
      );
    }
    await tx.membership.delete({ where: { id: me.id } });
    return me;
  });
}

export async function renameTeam(input: { teamId: string; name: string; timeZone: string }) {
  return db.team.update({
    where: { id: input.teamId },
    data: { name: input.name, timeZone: input.timeZone },
  });
}
