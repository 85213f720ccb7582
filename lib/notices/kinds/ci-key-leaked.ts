// "A key was reported leaked": recorded by the leak report itself (lib/secret-scanning); the
// finder also re-derives it from leakedAt, so the notice resolves once Rotate restores the key.
import { db } from "@/lib/db";
import { keyStatus } from "@/lib/credentials/ci-keys/status";
import type { NoticeProducer } from "./types";

export const ciKeyLeaked: NoticeProducer = {
  kind: "ci_key_leaked",
  async find(now, teamId) {
    const keys = await db.ciApiKey.findMany({
      where: { ...(teamId ? { teamId } : {}), leakedAt: { not: null }, revokedAt: null },
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
    return keys.flatMap((k) =>
      k.leakedAt && keyStatus(k, k.subscription, now) === "leaked"
        ? [{ teamId: k.teamId, subjectId: k.id, ...ciKeyLeakCondition(k, k.leakedAt, null) }]
        : [],
    );
  },
  describe: (d, date) => ({
    title: `CI API key “${d.get("label")}” was reported leaked`,
    text: `${d.get("prefix")}… was found in public${d.get("url") ? ` (${d.get("url")})` : ""} on ${date(d.get("leakedAt"))} and is disabled: requests with it get 401. Rotate it to restore it, then update SIGNALDIFF_CI_API_KEY wherever it is stored.`,
    href: "/developers/api-keys",
    action: "Rotate the key",
  }),
};

/** The occurrence and data of a leak notice (shared by the report and the finder). */
export function ciKeyLeakCondition(
  key: { label: string; prefix: string },
  leakedAt: Date,
  url: string | null,
) {
  return {
    occurrence: leakedAt.toISOString(),
    data: { label: key.label, prefix: key.prefix, leakedAt: leakedAt.toISOString(), url },
  };
}
