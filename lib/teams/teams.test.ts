// Integration tests against a real PostgreSQL database (see test/global-setup.ts).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createTeam, ensurePersonalTeam } from "@/lib/teams/create-team";
import { acceptInvite, createInvite, lookupInvite, revokeInvite } from "@/lib/teams/invites";
import {
  changeMemberRole,
  getMembership,
  leaveTeam,
  listUserTeams,
  removeMember,
} from "@/lib/teams/memberships";
import { hasRole } from "@/lib/teams/roles";

async function user(name = "user") {
  return db.user.create({ data: { email: `${name}-${randomUUID()}@example.com`, name } });
}

async function teamWithOwner() {
  const owner = await user("owner");
  const team = await createTeam({ name: "Team", userId: owner.id });
  return { owner, team };
}

describe("roles", () => {
  it("orders owner > admin > member > viewer", () => {
    expect(hasRole("owner", "admin")).toBe(true);
    expect(hasRole("admin", "member")).toBe(true);
    expect(hasRole("member", "admin")).toBe(false);
    expect(hasRole("viewer", "member")).toBe(false);
    expect(hasRole("viewer", "viewer")).toBe(true);
  });
});

describe("personal team", () => {
  it("is created once, on first sign-in", async () => {
    const u = await user("Ada");
    const first = await ensurePersonalTeam(u);
    const second = await ensurePersonalTeam(u);
    expect(second).toBe(first);
    const teams = await listUserTeams(u.id);
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ name: "Ada's team", personal: true, role: "owner" });
  });

  it("gives clashing names distinct slugs", async () => {
    const u = await user();
    const a = await createTeam({ name: "Clash Co", userId: u.id });
    const b = await createTeam({ name: "Clash Co", userId: u.id });
    expect(a.slug).not.toBe(b.slug);
  });
});

describe("invites", () => {
  it("adds the invitee with the invite's role and works only once", async () => {
    const { owner, team } = await teamWithOwner();
    const { token } = await createInvite({
      teamId: team.id,
      role: "viewer",
      createdById: owner.id,
      actorRole: "owner",
    });
    const invitee = await user("invitee");
    await expect(acceptInvite({ token, userId: invitee.id })).resolves.toEqual({
      teamId: team.id,
      joined: true,
    });
    expect((await getMembership(invitee.id, team.id))?.role).toBe("viewer");
    const other = await user("other");
    await expect(acceptInvite({ token, userId: other.id })).rejects.toThrow(/already been used/);
    expect(await getMembership(other.id, team.id)).toBeNull();
  });

  it("lets exactly one of two concurrent accepters in", async () => {
    const { owner, team } = await teamWithOwner();
    const { token } = await createInvite({
      teamId: team.id,
      role: "member",
      createdById: owner.id,
      actorRole: "owner",
    });
    const [a, b] = [await user("a"), await user("b")];
    const results = await Promise.allSettled([
      acceptInvite({ token, userId: a.id }),
      acceptInvite({ token, userId: b.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { teamId: team.id } })).toBe(2);
  });

  it("refuses expired, revoked and unknown links with a reason", async () => {
    const { owner, team } = await teamWithOwner();
    const expired = await createInvite({
      teamId: team.id,
      role: "member",
      createdById: owner.id,
      actorRole: "owner",
    });
    await db.invite.update({
      where: { id: expired.invite.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await lookupInvite(expired.token)).state).toBe("expired");
    const revoked = await createInvite({
      teamId: team.id,
      role: "member",
      createdById: owner.id,
      actorRole: "owner",
    });
    await revokeInvite({ teamId: team.id, inviteId: revoked.invite.id });
    expect((await lookupInvite(revoked.token)).state).toBe("revoked");
    expect((await lookupInvite("nope")).state).toBe("unknown");
    expect((await lookupInvite("x".repeat(43))).state).toBe("unknown");
    const u = await user();
    await expect(acceptInvite({ token: expired.token, userId: u.id })).rejects.toThrow(/expired/);
  });

  it("does not let an admin mint owner invites, nor revoke another team's invite", async () => {
    const { owner, team } = await teamWithOwner();
    await expect(
      createInvite({ teamId: team.id, role: "owner", createdById: owner.id, actorRole: "admin" }),
    ).rejects.toThrow(/Only an owner/);
    const other = await teamWithOwner();
    const { invite } = await createInvite({
      teamId: team.id,
      role: "member",
      createdById: owner.id,
      actorRole: "owner",
    });
    await expect(revokeInvite({ teamId: other.team.id, inviteId: invite.id })).rejects.toThrow(
      /no longer pending/,
    );
    expect((await db.invite.findUniqueOrThrow({ where: { id: invite.id } })).revokedAt).toBeNull();
  });
});

describe("members", () => {
  it("keeps at least one owner", async () => {
    const { owner, team } = await teamWithOwner();
    await expect(leaveTeam({ teamId: team.id, userId: owner.id })).rejects.toThrow(/last owner/);
    const ownerMembership = await getMembership(owner.id, team.id);
    if (!ownerMembership) throw new Error("missing membership");
    await expect(
      changeMemberRole({
        teamId: team.id,
        actorUserId: owner.id,
        membershipId: ownerMembership.id,
        role: "admin",
      }),
    ).rejects.toThrow(/at least one owner/);
  });

  it("lets an owner leave once another owner exists, but not both at once", async () => {
    const { owner, team } = await teamWithOwner();
    const second = await user("second");
    await db.membership.create({ data: { teamId: team.id, userId: second.id, role: "owner" } });
    const results = await Promise.allSettled([
      leaveTeam({ teamId: team.id, userId: owner.id }),
      leaveTeam({ teamId: team.id, userId: second.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { teamId: team.id, role: "owner" } })).toBe(1);
  });

  it("stops admins from touching owners and scopes every change to the team", async () => {
    const { owner, team } = await teamWithOwner();
    const admin = await user("admin");
    await db.membership.create({ data: { teamId: team.id, userId: admin.id, role: "admin" } });
    const ownerMembership = await getMembership(owner.id, team.id);
    if (!ownerMembership) throw new Error("missing membership");
    await expect(
      removeMember({
        teamId: team.id,
        actorUserId: admin.id,
        membershipId: ownerMembership.id,
      }),
    ).rejects.toThrow(/Only an owner/);
    await expect(
      changeMemberRole({
        teamId: team.id,
        actorUserId: admin.id,
        membershipId: ownerMembership.id,
        role: "viewer",
      }),
    ).rejects.toThrow(/Only an owner/);
    const other = await teamWithOwner();
    await expect(
      removeMember({
        teamId: other.team.id,
        actorUserId: other.owner.id,
        membershipId: ownerMembership.id,
      }),
    ).rejects.toThrow(/not in this team/);
    expect(await getMembership(owner.id, team.id)).not.toBeNull();
  });
});
