// "The previous signing secret will be auto-revoked": after a rotation the previous secret signs
// beside the new one until previousExpiresAt. Open while that instant is ahead; resolved when it
// passes or the previous secret is revoked early (which clears it and sets the instant to now).
import { db } from "@/lib/db";
import type { NoticeProducer } from "./types";

export const signingSecretPreviousExpiring: NoticeProducer = {
  kind: "signing_secret_previous_expiring",
  async find(now, teamId) {
    const secrets = await db.webhookSigningSecret.findMany({
      where: {
        ...(teamId ? { teamId } : {}),
        sealedPrevious: { not: null },
        previousExpiresAt: { gt: now },
      },
      select: { teamId: true, previousExpiresAt: true },
    });
    return secrets.flatMap((s) =>
      s.previousExpiresAt
        ? [
            {
              teamId: s.teamId,
              // One signing secret per team: its row's id is the team's.
              subjectId: s.teamId,
              occurrence: s.previousExpiresAt.toISOString(),
              data: { previousExpiresAt: s.previousExpiresAt.toISOString() },
            },
          ]
        : [],
    );
  },
  describe: (d, date) => ({
    title: `The previous webhook signing secret stops signing ${date(d.get("previousExpiresAt"))}`,
    text: `Since the last rotation, deliveries are signed with both the new and the previous secret. The previous one is revoked automatically on ${date(d.get("previousExpiresAt"))}; make sure every receiver verifies with the new secret before then.`,
    href: "/developers/webhooks",
    action: "View the signing secret",
  }),
};
