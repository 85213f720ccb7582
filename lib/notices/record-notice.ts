// The one way a notice comes to exist. Every producer — the scheduled job and the leaked-key
// report — calls recordNotice, so anything that must happen exactly once per notice (the webhook
// event named by `eventType`) belongs here, after `created` is known.
import { db, type Tx } from "@/lib/db";
import type { NoticeKind, Prisma } from "@/lib/generated/prisma/client";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { NOTICE_EVENT_TYPES, NOTICE_SUBJECT_TYPES } from "./event-types";

export type NoticeInput = {
  teamId: string;
  kind: NoticeKind;
  subjectId: string;
  /** Tells one occurrence of the condition from the next (e.g. the expiry instant). */
  occurrence: string;
  /** What the message shows; never a secret. */
  data: Prisma.InputJsonObject;
};

export type RecordedNotice = {
  created: boolean;
  notice: { id: string; teamId: string; kind: NoticeKind; eventType: string; createdAt: Date };
};

/**
 * Records the notice unless this condition of this subject already has one (the unique key
 * teamId + kind + subjectId + occurrence): concurrent or repeated producers record it once, and
 * only the call that created it sees `created: true`. Runs in the caller's transaction when given.
 */
export async function recordNotice(
  input: NoticeInput,
  client: Tx | typeof db = db,
): Promise<RecordedNotice> {
  const { count } = await client.notice.createMany({
    data: [
      {
        teamId: input.teamId,
        kind: input.kind,
        eventType: NOTICE_EVENT_TYPES[input.kind],
        subjectType: NOTICE_SUBJECT_TYPES[input.kind],
        subjectId: input.subjectId,
        occurrence: input.occurrence,
        data: input.data,
      },
    ],
    skipDuplicates: true,
  });
  const notice = await client.notice.findUniqueOrThrow({
    where: {
      teamId_kind_subjectId_occurrence: {
        teamId: input.teamId,
        kind: input.kind,
        subjectId: input.subjectId,
        occurrence: input.occurrence,
      },
    },
    select: { id: true, teamId: true, kind: true, eventType: true, createdAt: true },
  });
  // The notice's webhook event, once: only the call that recorded the notice sends it.
  if (count === 1) {
    await emitEvent(client, {
      teamId: input.teamId,
      type: notice.eventType as (typeof NOTICE_EVENT_TYPES)[NoticeKind],
      data: { notice_id: notice.id, subject_id: input.subjectId, ...input.data },
    });
  }
  return { created: count === 1, notice };
}
