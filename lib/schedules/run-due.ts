// Starts the runs whose schedule is due. Any number of workers may call this at once: each due
// site row is locked with SKIP LOCKED and moved to its next time in the same transaction as its
// admission, so a scheduled start happens exactly once. At the limit it is recorded as skipped.
import { db } from "@/lib/db";
import { admitRun } from "@/lib/runs/admit-run";
import { nextRunAt, type ScheduleKind } from "@/lib/schedules/schedule";

type DueSite = {
  id: string;
  teamId: string;
  scheduleKind: ScheduleKind;
  scheduleCron: string | null;
  timeZone: string;
};

export async function runDueSchedules(now: Date = new Date(), batch = 20): Promise<number> {
  let started = 0;
  for (;;) {
    const handled = await db.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<DueSite[]>`
          SELECT s.id, s."teamId", s."scheduleKind"::text AS "scheduleKind", s."scheduleCron",
                 t."timeZone"
          FROM "Site" s JOIN "Team" t ON t.id = s."teamId"
          WHERE s."deletedAt" IS NULL AND s."scheduleKind" <> 'off' AND s."nextRunAt" <= ${now}
          ORDER BY s."nextRunAt"
          LIMIT ${batch}
          FOR UPDATE OF s SKIP LOCKED`;
        for (const site of due) {
          const next = nextRunAt(
            { kind: site.scheduleKind, cron: site.scheduleCron },
            site.timeZone,
            now,
          );
          await tx.site.update({ where: { id: site.id }, data: { nextRunAt: next } });
          await admitRun({ teamId: site.teamId, siteId: site.id, source: "schedule" }, tx);
        }
        return due.length;
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
    started += handled;
    if (handled < batch) return started;
  }
}
