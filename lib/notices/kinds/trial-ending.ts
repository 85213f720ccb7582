// "Trial ends within 7 days": a trialing subscription whose trial end is near.
import { db } from "@/lib/db";
import { LOOKAHEAD_MS, type NoticeProducer } from "./types";

export const trialEnding: NoticeProducer = {
  kind: "trial_ending",
  async find(now, teamId) {
    const subs = await db.subscription.findMany({
      where: {
        ...(teamId ? { teamId } : {}),
        status: "trialing",
        trialEnd: { gt: now, lte: new Date(now.getTime() + LOOKAHEAD_MS) },
      },
      select: {
        id: true,
        teamId: true,
        trialEnd: true,
        cancelAtPeriodEnd: true,
        ciApiKey: { select: { label: true, prefix: true } },
      },
    });
    return subs.flatMap((s) =>
      s.trialEnd
        ? [
            {
              teamId: s.teamId,
              subjectId: s.id,
              occurrence: s.trialEnd.toISOString(),
              data: {
                trialEnd: s.trialEnd.toISOString(),
                keyLabel: s.ciApiKey?.label ?? null,
                keyPrefix: s.ciApiKey?.prefix ?? null,
                cancelAtPeriodEnd: s.cancelAtPeriodEnd ? "true" : null,
              },
            },
          ]
        : [],
    );
  },
  describe: (d, date) => ({
    title: `Trial ends ${date(d.get("trialEnd"))}`,
    text:
      d.get("cancelAtPeriodEnd") === "true"
        ? `The subscription is set to end with its trial${d.get("keyPrefix") ? `, and CI API key ${d.get("keyPrefix")}… stops working then` : ""}. Resume it in Manage billing to keep it.`
        : `The free trial ends ${date(d.get("trialEnd"))}; the subscription then bills monthly. Check its payment method in Manage billing.`,
    href: "/developers/api-keys",
    action: "Review billing",
  }),
};
