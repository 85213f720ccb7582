// The demo team's credentials, made through the product's own functions so the demo cannot drift
// from what the product does: a CI key for every subscription that ever granted access (the
// ended trial's expired, the paid one's active — only prefixes are ever shown), and an API client.
// Secrets are generated and dropped here: the seed never prints one.
import { db } from "@/lib/db";
import { createApiClient } from "@/lib/credentials/api-clients/manage-clients";
import { createKeyForSubscription } from "@/lib/credentials/ci-keys/create-key";
import { keyExpiresAt } from "@/lib/credentials/ci-keys/status";

/** Creates the keys and the API client; returns the active key's id (CI runs name it). */
export async function seedCredentials(
  team: { id: string },
  owner: { id: string; email: string | null },
) {
  const actor = { userId: owner.id, label: owner.email ?? "demo owner" };
  const request = { ip: "203.0.113.7", userAgent: "Mozilla/5.0 (demo data)" };
  let activeKeyId: string | null = null;
  const subs = await db.subscription.findMany({
    where: { teamId: team.id },
    orderBy: { createdAt: "asc" },
  });
  for (const sub of subs) {
    if (!keyExpiresAt(sub)) continue; // never paid for: it never had a key
    // Created as at checkout time (the key is created on the checkout return).
    const at = new Date(sub.createdAt.getTime() + 60_000);
    const key = await createKeyForSubscription(team.id, sub.id, actor, {
      label: sub.trialStart ? "Trial key" : "Production CI",
      request,
      now: at,
    });
    if (!sub.trialStart) activeKeyId = key.keyId;
    // The audit log tells the same story: the key's events happened at checkout time.
    await db.auditLog.updateMany({
      where: { teamId: team.id, targetId: key.keyId },
      data: { createdAt: at },
    });
    await db.ciApiKey.update({
      where: { id: key.keyId },
      data: { createdAt: at, lastUsedAt: sub.trialStart ? null : new Date(Date.now() - 3_600_000) },
    });
  }
  // The demo owner started the team's trial: the trial is once per person.
  const trial = subs.find((s) => s.trialStart);
  if (trial?.trialStart)
    await db.user.update({ where: { id: owner.id }, data: { trialUsedAt: trial.trialStart } });

  await createApiClient({
    teamId: team.id,
    label: "Status dashboard",
    scopes: ["read"],
    expiresAt: null,
    actor,
    request,
  });
  return activeKeyId;
}
