// What makes a CI API key usable — the one definition that plan, auth and the keys page share.
//
// A key is Active while it is not revoked and its subscription still grants access: the key's
// expiry is its subscription's current period end (so renewal moves it and cancel-at-period-end
// keeps it until then), cut short by the moment Stripe ended the subscription, and a
// subscription that never got paid for (incomplete, unpaid) grants nothing. A key reported leaked
// (secret scanning) is refused until it is rotated: "Leaked — rotate to restore".
import type { Prisma } from "@/lib/generated/prisma/client";

/** Stripe subscription statuses under which the subscription grants nothing, whatever its dates. */
export const NO_ACCESS_STATUSES = ["incomplete", "incomplete_expired", "unpaid"] as const;

export type KeyStatus = "active" | "trialing" | "leaked" | "expired" | "revoked";

export type SubscriptionTimes = {
  status: string;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  endedAt: Date | null;
};

/** When a key of this subscription stops working (null: it never worked). */
export function keyExpiresAt(sub: SubscriptionTimes): Date | null {
  if ((NO_ACCESS_STATUSES as readonly string[]).includes(sub.status)) return null;
  if (!sub.currentPeriodEnd) return null;
  if (sub.endedAt && sub.endedAt < sub.currentPeriodEnd) return sub.endedAt;
  return sub.currentPeriodEnd;
}

/**
 * Revoked and expired win over leaked: neither can be rotated back, so "rotate to restore" is
 * only ever said of a key that rotation does restore.
 */
export function keyStatus(
  key: { revokedAt: Date | null; leakedAt: Date | null },
  sub: SubscriptionTimes,
  now: Date = new Date(),
): KeyStatus {
  if (key.revokedAt) return "revoked";
  const expiresAt = keyExpiresAt(sub);
  if (!expiresAt || expiresAt <= now) return "expired";
  if (key.leakedAt) return "leaked";
  if (sub.status === "trialing" && sub.trialEnd && sub.trialEnd > now) return "trialing";
  return "active";
}

/**
 * Prisma filter for keys that Rotate may give a new secret at `now` (keyStatus ∈ {active,
 * trialing, leaked}): not revoked and not expired.
 */
export function rotatableKeyWhere(now: Date = new Date()): Prisma.CiApiKeyWhereInput {
  return {
    revokedAt: null,
    subscription: {
      status: { notIn: [...NO_ACCESS_STATUSES] },
      currentPeriodEnd: { gt: now },
      OR: [{ endedAt: null }, { endedAt: { gt: now } }],
    },
  };
}

/** Prisma filter for keys that are usable at `now` (same rule as keyStatus ∈ {active, trialing}). */
export function activeKeyWhere(now: Date = new Date()): Prisma.CiApiKeyWhereInput {
  return { ...rotatableKeyWhere(now), leakedAt: null };
}
