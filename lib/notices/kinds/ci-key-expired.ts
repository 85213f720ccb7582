// "A key expired": a key (not revoked) whose subscription stopped granting access in the last 30
// days — the window keeps a first run on an old database from announcing ancient expiries.
import { db } from "@/lib/db";
import { keyExpiresAt, keyStatus, NO_ACCESS_STATUSES } from "@/lib/credentials/ci-keys/status";
import { DAY_MS, type NoticeProducer } from "./types";

const RECENT_MS = 30 * DAY_MS;

export const ciKeyExpired: NoticeProducer = {
  kind: "ci_key_expired",
  async find(now, teamId) {
    const since = new Date(now.getTime() - RECENT_MS);
    const keys = await db.ciApiKey.findMany({
      where: {
        ...(teamId ? { teamId } : {}),
        revokedAt: null,
        subscription: {
          OR: [
            { currentPeriodEnd: { gt: since, lte: now } },
            { endedAt: { gt: since, lte: now } },
            { status: { in: [...NO_ACCESS_STATUSES] }, updatedAt: { gt: since } },
          ],
        },
      },
      select: {
        id: true,
        teamId: true,
        label: true,
        prefix: true,
        revokedAt: true,
        leakedAt: true,
        subscription: true,
      },
    });
    return keys.flatMap((k) => {
      if (keyStatus(k, k.subscription, now) !== "expired") return [];
      const expiresAt = keyExpiresAt(k.subscription);
      // A subscription that stopped being paid for has no end instant: its status names the event.
      const occurrence = expiresAt?.toISOString() ?? `status:${k.subscription.status}`;
      return [
        {
          teamId: k.teamId,
          subjectId: k.id,
          occurrence,
          data: {
            label: k.label,
            prefix: k.prefix,
            expiredAt: (expiresAt ?? k.subscription.updatedAt).toISOString(),
          },
        },
      ];
    });
  },
  describe: (d, date) => ({
    title: `CI API key “${d.get("label")}” expired`,
    text: `${d.get("prefix")}… expired ${date(d.get("expiredAt"))}; requests with it get 401 and the team is on the Free plan's limits. Start a new checkout on Pricing for a new key.`,
    href: "/pricing",
    action: "See plans",
  }),
};
