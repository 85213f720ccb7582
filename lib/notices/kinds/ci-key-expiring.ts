// "A CI key expires within 7 days": a working key whose subscription will not renew (cancelled at
// period end, or ended by Stripe at a set time). A renewing subscription's period end moves on
// every renewal, so it is not announced as an expiry each month.
import { db } from "@/lib/db";
import { activeKeyWhere, keyExpiresAt } from "@/lib/credentials/ci-keys/status";
import { LOOKAHEAD_MS, type NoticeProducer } from "./types";

export const ciKeyExpiring: NoticeProducer = {
  kind: "ci_key_expiring",
  async find(now, teamId) {
    const horizon = new Date(now.getTime() + LOOKAHEAD_MS);
    const keys = await db.ciApiKey.findMany({
      where: {
        ...(teamId ? { teamId } : {}),
        AND: [
          activeKeyWhere(now),
          {
            subscription: {
              OR: [
                { cancelAtPeriodEnd: true, currentPeriodEnd: { lte: horizon } },
                { canceledAt: { not: null }, currentPeriodEnd: { lte: horizon } },
                { endedAt: { lte: horizon } },
              ],
            },
          },
        ],
      },
      select: { id: true, teamId: true, label: true, prefix: true, subscription: true },
    });
    return keys.flatMap((k) => {
      const expiresAt = keyExpiresAt(k.subscription);
      if (!expiresAt || expiresAt > horizon) return [];
      return [
        {
          teamId: k.teamId,
          subjectId: k.id,
          occurrence: expiresAt.toISOString(),
          data: { label: k.label, prefix: k.prefix, expiresAt: expiresAt.toISOString() },
        },
      ];
    });
  },
  describe: (d, date) => ({
    title: `CI API key “${d.get("label")}” expires ${date(d.get("expiresAt"))}`,
    text: `${d.get("prefix")}… stops working ${date(d.get("expiresAt"))} because its subscription does not renew. Start a new checkout on Pricing to keep CI runs going.`,
    href: "/developers/api-keys",
    action: "View API keys",
  }),
};
