import { db } from "@/lib/db";

export async function getTeamSettings(teamId: string) {
  return db.team.findUniqueOrThrow({
    where: { id: teamId },
    select: {
      id: true,
      name: true,
      slug: true,
      timeZone: true,
      personal: true,
      createdAt: true,
      snapshotRetentionDays: true,
    },
  });
}

/** Days of page snapshots the team keeps (null: every run's). */
export async function getSnapshotRetention(teamId: string): Promise<number | null> {
  const team = await db.team.findUnique({
    where: { id: teamId },
    select: { snapshotRetentionDays: true },
  });
  return team?.snapshotRetentionDays ?? null;
}
