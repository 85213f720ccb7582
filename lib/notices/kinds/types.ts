// What each notice kind provides: how its conditions are found (the scheduled producer) and how
// it reads. Adding a kind: one NoticeKind value in the schema, one file here, one registry line.
import type { NoticeKind } from "@/lib/generated/prisma/client";

export const DAY_MS = 24 * 60 * 60 * 1000;
/** "Within 7 days": how far ahead trial and expiry notices look. */
export const LOOKAHEAD_MS = 7 * DAY_MS;

export type NoticeCondition = {
  teamId: string;
  subjectId: string;
  occurrence: string;
  data: Record<string, string | null>;
};

export type NoticeText = { title: string; text: string; href: string; action: string };

export type NoticeProducer = {
  kind: NoticeKind;
  /**
   * The conditions that hold at `now` (one team's, when given). Each becomes one notice; an open
   * notice whose condition is no longer found is marked resolved. Kinds recorded when something
   * happens (a leak report) have no finder and stay open until dismissed.
   */
  find?: (now: Date, teamId?: string) => Promise<NoticeCondition[]>;
  /** The words shown; `date` formats an ISO instant in the team's time zone. */
  describe: (data: NoticeData, date: (iso: string) => string) => NoticeText;
};

/** A notice's stored data, read defensively (it is JSON). */
export type NoticeData = { get: (key: string) => string };

export function noticeData(json: unknown): NoticeData {
  const record = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
  return {
    get: (key) => {
      const v = record[key];
      return typeof v === "string" ? v : "";
    },
  };
}
