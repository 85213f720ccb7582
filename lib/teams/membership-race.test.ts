// "A team always keeps one owner" under concurrency: two owners acting on each other at the same
// moment, 50 teams at once, against real PostgreSQL (see test/global-setup.ts).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeMemberRole, leaveTeam, removeMember } from "@/lib/teams/memberships";
import { makeTeam, makeUser } from "@/test/fixtures";

const PAIRS = 50;

/** 50 teams, each with two owners A and B. */
async function teamsWithTwoOwners(count = PAIRS) {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const { owner: a, team } = await makeTeam("Race");
      const b = await makeUser("b");
      const bm = await db.membership.create({
        data: { teamId: team.id, userId: b.id, role: "owner" },
      });
      const am = await db.membership.findUniqueOrThrow({
        where: { teamId_userId: { teamId: team.id, userId: a.id } },
      });
      return { team, a: { user: a, membership: am }, b: { user: b, membership: bm } };
    }),
  );
}

async function expectEveryTeamIntact(teamIds: string[]) {
  const owners = await db.membership.groupBy({
    by: ["teamId"],
    where: { teamId: { in: teamIds }, role: "owner" },
    _count: true,
  });
  const ownerCount = new Map(owners.map((o) => [o.teamId, o._count]));
  for (const id of teamIds)
    expect(ownerCount.get(id) ?? 0, `owners of ${id}`).toBeGreaterThanOrEqual(1);
}

function fulfilledCount(results: PromiseSettledResult<unknown>[]) {
  return results.filter((r) => r.status === "fulfilled").length;
}

describe("membership changes are serialised per team", () => {
  it("two owners demoting each other at once: exactly one wins, one owner remains", async () => {
    const teams = await teamsWithTwoOwners();
    const outcomes = await Promise.all(
      teams.map(({ team, a, b }) =>
        Promise.allSettled([
          changeMemberRole({
            teamId: team.id,
            actorUserId: a.user.id,
            membershipId: b.membership.id,
            role: "member",
          }),
          changeMemberRole({
            teamId: team.id,
            actorUserId: b.user.id,
            membershipId: a.membership.id,
            role: "member",
          }),
        ]),
      ),
    );
    for (const results of outcomes) expect(fulfilledCount(results)).toBe(1);
    await expectEveryTeamIntact(teams.map((t) => t.team.id));
    for (const { team } of teams) {
      expect(await db.membership.count({ where: { teamId: team.id, role: "owner" } })).toBe(1);
    }
  });

  it("two owners removing each other at once: exactly one wins, the team keeps a member", async () => {
    const teams = await teamsWithTwoOwners();
    const outcomes = await Promise.all(
      teams.map(({ team, a, b }) =>
        Promise.allSettled([
          removeMember({ teamId: team.id, actorUserId: a.user.id, membershipId: b.membership.id }),
          removeMember({ teamId: team.id, actorUserId: b.user.id, membershipId: a.membership.id }),
        ]),
      ),
    );
    for (const results of outcomes) expect(fulfilledCount(results)).toBe(1);
    await expectEveryTeamIntact(teams.map((t) => t.team.id));
    for (const { team } of teams) {
      expect(await db.membership.count({ where: { teamId: team.id } })).toBe(1);
    }
  });

  it("mixed: one owner leaves while the other removes or demotes them: an owner always remains", async () => {
    const teams = await teamsWithTwoOwners();
    await Promise.all(
      teams.map(({ team, a, b }, i) =>
        Promise.allSettled([
          leaveTeam({ teamId: team.id, userId: a.user.id }),
          i % 2
            ? removeMember({
                teamId: team.id,
                actorUserId: a.user.id,
                membershipId: b.membership.id,
              })
            : changeMemberRole({
                teamId: team.id,
                actorUserId: a.user.id,
                membershipId: b.membership.id,
                role: "viewer",
              }),
          leaveTeam({ teamId: team.id, userId: b.user.id }),
        ]),
      ),
    );
    await expectEveryTeamIntact(teams.map((t) => t.team.id));
  });

  it("a removed or demoted actor can no longer act, even with a role read before the change", async () => {
    const [pair] = await teamsWithTwoOwners(1);
    if (!pair) throw new Error("fixture");
    const { team, a, b } = pair;
    await removeMember({ teamId: team.id, actorUserId: a.user.id, membershipId: b.membership.id });
    await expect(
      removeMember({ teamId: team.id, actorUserId: b.user.id, membershipId: a.membership.id }),
    ).rejects.toThrow(/not a member/);
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(1);
  });
});
