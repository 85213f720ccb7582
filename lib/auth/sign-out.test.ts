// Signing out ends the session even for a copy of the cookie: through next-auth's real sign-in,
// session and sign-out handling with our options, against real PostgreSQL.
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { endAllSessions } from "@/lib/auth/session-tokens";
import { changeMemberRole, getMembership, removeMember } from "@/lib/teams/memberships";
import { makeTeam } from "@/test/fixtures";
import { devSignIn, sessionOf, SESSION_COOKIE, signOut } from "@/test/next-auth-core";

// The development sign-in is the provider these tests sign in with (APP_URL is localhost).
vi.hoisted(() => {
  process.env.AUTH_DEV_LOGIN = "1";
});

const email = () => `device-${randomUUID()}@example.com`;

describe("signing out", () => {
  it("a replayed copy of the cookie is signed out after Sign out", async () => {
    const address = email();
    const jar = await devSignIn(address);
    const copy = { ...jar };
    expect((await sessionOf(copy)).user?.id).toBeTruthy();
    await signOut(jar);
    expect(jar[SESSION_COOKIE]).toBeUndefined();
    expect(await sessionOf(copy)).toEqual({});
  });

  it("signing out one device leaves the user's other devices signed in", async () => {
    const address = email();
    const laptop = await devSignIn(address);
    const phone = await devSignIn(address);
    await signOut(laptop);
    expect((await sessionOf(phone)).user?.id).toBeTruthy();
    // And the user can sign in again on the device they signed out of.
    expect((await sessionOf(await devSignIn(address))).user?.id).toBeTruthy();
  });

  it("Sign out of all devices ends every session cookie; a new sign-in works", async () => {
    const address = email();
    const devices = [await devSignIn(address), await devSignIn(address), await devSignIn(address)];
    const userId = (await sessionOf(devices[0] ?? {})).user?.id as string;
    await endAllSessions(userId);
    for (const jar of devices) expect(await sessionOf(jar)).toEqual({});
    expect((await sessionOf(await devSignIn(address))).user?.id).toBe(userId);
  });

  it("a deleted user's cookie is worth nothing", async () => {
    const address = email();
    const jar = await devSignIn(address);
    await db.user.delete({ where: { email: address } });
    expect(await sessionOf(jar)).toEqual({});
  });

  it("a session shows the user's current name, read on each request", async () => {
    const address = email();
    const jar = await devSignIn(address);
    await db.user.update({ where: { email: address }, data: { name: "Renamed" } });
    expect((await sessionOf(jar)).user).toMatchObject({ name: "Renamed", email: address });
  });

  it("role changes and removals still take effect on the next request", async () => {
    const { owner, team } = await makeTeam();
    const address = email();
    const jar = await devSignIn(address);
    const user = await db.user.findUniqueOrThrow({ where: { email: address } });
    const m = await db.membership.create({
      data: { teamId: team.id, userId: user.id, role: "admin" },
    });
    await changeMemberRole({
      teamId: team.id,
      actorUserId: owner.id,
      membershipId: m.id,
      role: "viewer",
    });
    expect((await getMembership(user.id, team.id))?.role).toBe("viewer");
    await removeMember({ teamId: team.id, actorUserId: owner.id, membershipId: m.id });
    expect(await getMembership(user.id, team.id)).toBeNull();
    // The session itself survives: only the membership, re-read per request, changed.
    expect((await sessionOf(jar)).user?.id).toBe(user.id);
  });
});
