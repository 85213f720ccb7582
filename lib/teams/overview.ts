import { db } from "@/lib/db";

/** Counts shown on the dashboard, all scoped to one team. */
export async function getTeamOverview(teamId: string) {
  const members = await db.membership.count({ where: { teamId } });
  return { members };
}
