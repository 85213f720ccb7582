// Reading and dismissing notices. A notice belongs to a team; "dismissed" is per person, so each
// query takes both the team and the user, and open = not resolved and not dismissed by this user.
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import type { NoticeKind, Prisma } from "@/lib/generated/prisma/client";
import { NOTICE_KINDS } from "./kinds";
import { noticeData } from "./kinds/types";

export type NoticeView = {
  id: string;
  kind: NoticeKind;
  eventType: string;
  createdAt: Date;
  resolvedAt: Date | null;
  dismissed: boolean;
  title: string;
  text: string;
  href: string;
  action: string;
};

const openWhere = (teamId: string, userId: string): Prisma.NoticeWhereInput => ({
  teamId,
  resolvedAt: null,
  dismissals: { none: { userId } },
});

async function load(
  where: Prisma.NoticeWhereInput,
  userId: string,
  timeZone: string,
  take: number,
): Promise<NoticeView[]> {
  const rows = await db.notice.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { dismissals: { where: { userId }, select: { userId: true } } },
  });
  return rows.map((n) => {
    const words = NOTICE_KINDS[n.kind].describe(noticeData(n.data), (iso) =>
      iso ? formatDate(iso, timeZone) : "—",
    );
    return {
      id: n.id,
      kind: n.kind,
      eventType: n.eventType,
      createdAt: n.createdAt,
      resolvedAt: n.resolvedAt,
      dismissed: n.dismissals.length > 0,
      ...words,
    };
  });
}

/** What needs this person's attention: open notices, newest first (banners, the bell's list). */
export function listOpenNotices(team: { id: string; timeZone: string }, userId: string, limit = 5) {
  return load(openWhere(team.id, userId), userId, team.timeZone, limit);
}

/** Every recent notice of the team, with this person's dismissals (the notices page). */
export function listNotices(team: { id: string; timeZone: string }, userId: string, limit = 50) {
  return load({ teamId: team.id }, userId, team.timeZone, limit);
}

/** The bell's count. */
export function countOpenNotices(teamId: string, userId: string) {
  return db.notice.count({ where: openWhere(teamId, userId) });
}

/** Hides a notice for this person only; dismissing twice is fine. */
export async function dismissNotice(input: { teamId: string; userId: string; noticeId: string }) {
  const notice = await db.notice.findFirst({
    where: { id: input.noticeId, teamId: input.teamId },
    select: { id: true },
  });
  if (!notice) throw new DomainError("That notice is not in this team.", { code: "not_found" });
  await db.noticeDismissal.createMany({
    data: [{ noticeId: notice.id, userId: input.userId }],
    skipDuplicates: true,
  });
}
