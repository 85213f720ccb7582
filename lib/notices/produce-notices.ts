// The scheduled producer (graphile-worker cron, see task.ts): records a notice for every condition
// that holds and resolves open notices whose condition no longer does. Page views never produce
// notices; a mutation that changes a condition (a rotation) may run it for its own team at once.
import { db } from "@/lib/db";
import type { NoticeKind } from "@/lib/generated/prisma/client";
import { NOTICE_KINDS } from "./kinds";
import { recordNotice } from "./record-notice";

export type ProduceResult = { created: number; resolved: number };

export async function produceNotices(
  options: { now?: Date; teamId?: string } = {},
): Promise<ProduceResult> {
  const now = options.now ?? new Date();
  const result: ProduceResult = { created: 0, resolved: 0 };
  for (const [kind, producer] of Object.entries(NOTICE_KINDS) as [
    NoticeKind,
    (typeof NOTICE_KINDS)[NoticeKind],
  ][]) {
    if (!producer.find) continue;
    // Read before finding: a notice recorded meanwhile (a leak report committing now) is not
    // judged against conditions found before it existed.
    const startedAt = new Date();
    const conditions = await producer.find(now, options.teamId);
    const holding = new Set<string>();
    for (const c of conditions) {
      holding.add(`${c.teamId}\u0000${c.subjectId}\u0000${c.occurrence}`);
      const { created } = await recordNotice({ ...c, kind });
      if (created) result.created++;
    }
    const open = await db.notice.findMany({
      where: {
        kind,
        resolvedAt: null,
        createdAt: { lt: startedAt },
        ...(options.teamId ? { teamId: options.teamId } : {}),
      },
      select: { id: true, teamId: true, subjectId: true, occurrence: true },
    });
    const stale = open
      .filter((n) => !holding.has(`${n.teamId}\u0000${n.subjectId}\u0000${n.occurrence}`))
      .map((n) => n.id);
    if (stale.length) {
      const { count } = await db.notice.updateMany({
        where: { id: { in: stale }, resolvedAt: null },
        data: { resolvedAt: now },
      });
      result.resolved += count;
    }
  }
  return result;
}
