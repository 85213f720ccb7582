// The team a signed-in person is working in. Remembered in a cookie, and re-checked against their
// memberships on every request: a stale or forged cookie falls back to a team they belong to.
import { cookies } from "next/headers";
import { listUserTeams } from "@/lib/teams/memberships";
import { ensurePersonalTeam } from "@/lib/teams/create-team";
import type { SessionUser } from "@/lib/auth/session";

export const ACTIVE_TEAM_COOKIE = "sd_team";

export async function resolveActiveTeam(user: SessionUser) {
  let teams = await listUserTeams(user.id);
  if (teams.length === 0) {
    // Someone removed from every team still gets a place to land.
    await ensurePersonalTeam(user);
    teams = await listUserTeams(user.id);
  }
  const wanted = (await cookies()).get(ACTIVE_TEAM_COOKIE)?.value;
  const active = teams.find((t) => t.id === wanted) ?? teams[0];
  if (!active) throw new Error("No team for user");
  return { active, teams };
}

/** Remembers the active team. Call only from server actions or route handlers. */
export async function rememberActiveTeam(teamId: string) {
  (await cookies()).set(ACTIVE_TEAM_COOKIE, teamId, {
    httpOnly: true,
    sameSite: "lax",
    secure:
      process.env.NODE_ENV === "production" &&
      !/^http:\/\/(localhost|127\.0\.0\.1)/.test(process.env.APP_URL ?? ""),
    path: "/",
    maxAge: 365 * 24 * 3600,
  });
}
