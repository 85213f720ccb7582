// What every dashboard page needs: the signed-in user, their teams and the active one.
import { cache } from "react";
import { requireUser } from "@/lib/auth/session";
import { resolveActiveTeam } from "@/lib/teams/active-team";
import { hasRole, type Role } from "@/lib/teams/roles";

export const getDashboardContext = cache(async (path = "/dashboard") => {
  const user = await requireUser(path);
  const { active, teams } = await resolveActiveTeam(user);
  return {
    user,
    team: active,
    teams,
    role: active.role,
    can: (minimum: Role) => hasRole(active.role, minimum),
  };
});
