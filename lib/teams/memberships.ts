// Who belongs to which team. Every read here is scoped by teamId and/or userId.
import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { hasRole, type Role } from "@/lib/teams/roles";

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

/**
 * Runs a membership change with the team's row locked, so every change to one team's members
 * (role change, removal, leaving, joining) happens one at a time: each sees the others' results
 * and "a team always keeps one owner" holds under any concurrency. NO KEY UPDATE (not UPDATE) so
 * rows that merely reference the team (runs, audit entries) can still be inserted meanwhile.
 */
export async function withTeamLocked<T>(teamId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Team" WHERE id = ${teamId} FOR NO KEY UPDATE`;
    if (locked.length === 0)
      throw new DomainError("That team no longer exists.", { code: "not_found" });
    return fn(tx);
  });
}

/**
 * The acting member's role, read under the team lock: a role read before the lock may be stale
 * (the actor may have been demoted or removed by a change that just committed).
 */
async function actorRoleIn(tx: Tx, teamId: string, userId: string): Promise<Role> {
  const actor = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
  if (!actor) {
    throw new DomainError("You are not a member of this team.", { code: "forbidden" });
  }
  return actor.role;
}

async function targetIn(tx: Tx, teamId: string, membershipId: string) {
  const target = await tx.membership.findFirst({ where: { id: membershipId, teamId } });
  if (!target) throw new DomainError("That member is not in this team.", { code: "not_found" });
  return target;
}

const ownerCount = (tx: Tx, teamId: string) =>
  tx.membership.count({ where: { teamId, role: "owner" } });

const LAST_OWNER = () =>
  new DomainError("A team needs at least one owner. Make someone else an owner first.", {
    code: "last_owner",
  });

/** Changes a member's role. Only owners grant or take away ownership; a team keeps one owner. */
export async function changeMemberRole(input: {
  teamId: string;
  actorUserId: string;
  membershipId: string;
  role: Role;
}) {
  return withTeamLocked(input.teamId, async (tx) => {
    const actorRole = await actorRoleIn(tx, input.teamId, input.actorUserId);
    if (!hasRole(actorRole, "admin")) {
      throw new DomainError("Only team owners and admins can do this.", {
        code: "forbidden",
      });
    }
    const target = await targetIn(tx, input.teamId, input.membershipId);
    if ((target.role === "owner" || input.role === "owner") && actorRole !== "owner") {
      throw new DomainError("Only an owner can grant or remove the owner role.", {
        code: "forbidden",
      });
    }
    if (
      target.role === "owner" &&
      input.role !== "owner" &&
      (await ownerCount(tx, input.teamId)) <= 1
    ) {
      throw LAST_OWNER();
    }
    return tx.membership.update({ where: { id: target.id }, data: { role: input.role } });
  });
}

/** Removes a member (not yourself: use leaveTeam). Admins cannot remove owners. */
export async function removeMember(input: {
  teamId: string;
  actorUserId: string;
  membershipId: string;
}) {
  return withTeamLocked(input.teamId, async (tx) => {
    const actorRole = await actorRoleIn(tx, input.teamId, input.actorUserId);
    if (!hasRole(actorRole, "admin")) {
      throw new DomainError("Only team owners and admins can do this.", {
        code: "forbidden",
      });
    }
    const target = await targetIn(tx, input.teamId, input.membershipId);
    if (target.userId === input.actorUserId) {
      throw new DomainError("Use “Leave team” to remove yourself.", { code: "invalid_request" });
    }
    if (target.role === "owner" && actorRole !== "owner") {
      throw new DomainError("Only an owner can remove another owner.", {
        code: "forbidden",
      });
    }
    // The actor is an owner here, so one remains; checked anyway so the rule lives in one place.
    if (target.role === "owner" && (await ownerCount(tx, input.teamId)) <= 1) throw LAST_OWNER();
    await tx.membership.delete({ where: { id: target.id } });
    return target;
  });
}

/** Leaves a team. The last owner cannot leave: the team would have nobody to run it. */
export async function leaveTeam(input: { teamId: string; userId: string }) {
  return withTeamLocked(input.teamId, async (tx) => {
    const me = await tx.membership.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: input.userId } },
    });
    if (!me) throw new DomainError("You are not a member of this team.", { code: "not_found" });
    if (me.role === "owner" && (await ownerCount(tx, input.teamId)) <= 1) {
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
