import { db } from "@/lib/db";

export async function getTeamSettings(teamId: string) {
  return db.team.findUniqueOrThrow({
    where: { id: teamId },
    select: { id: true, name: true, slug: true, timeZone: true, personal: true, createdAt: true },
  });
}
