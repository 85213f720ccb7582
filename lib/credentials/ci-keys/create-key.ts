// Creating the CI key of a paid subscription: idempotent per subscription (unique index), and the
// secret is returned only by the one call that created the key.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { generateKey } from "@/lib/credentials/material/key-material";
import { auditCiKey, CI_KEY_EVENTS } from "./audit";
import { keyExpiresAt } from "./status";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { keyEventData } from "./event-data";

export type CreatedKey =
  | { created: true; keyId: string; prefix: string; secret: string }
  | { created: false; keyId: string; prefix: string };

const DEFAULT_LABEL = "CI key";

export async function createKeyForSubscription(
  teamId: string,
  subscriptionId: string,
  actor: AuditActor,
  options: { label?: string; request?: RequestMeta; now?: Date } = {},
): Promise<CreatedKey> {
  const subscription = await db.subscription.findFirst({
    where: { id: subscriptionId, teamId },
    include: { ciApiKey: { select: { id: true, prefix: true } } },
  });
  if (!subscription) {
    throw new DomainError("That subscription is not in this team.", {
      code: "not_found",
    });
  }
  if (subscription.ciApiKey) {
    return {
      created: false,
      keyId: subscription.ciApiKey.id,
      prefix: subscription.ciApiKey.prefix,
    };
  }
  const expiresAt = keyExpiresAt(subscription);
  const now = options.now ?? new Date();
  if (subscription.endedAt && subscription.endedAt <= now) {
    throw new DomainError("This subscription has ended; start a new checkout on Pricing.", {
      code: "subscription_ended",
    });
  }
  const key = generateKey("ci");
  try {
    const row = await db.$transaction(async (tx) => {
      const created = await tx.ciApiKey.create({
        data: {
          teamId,
          subscriptionId,
          label: options.label?.trim() || DEFAULT_LABEL,
          prefix: key.displayPrefix,
          secretHash: key.hash,
          createdByUserId: actor.userId ?? null,
        },
      });
      const base = { teamId, keyId: created.id, actor, request: options.request };
      await auditCiKey(
        {
          ...base,
          action: CI_KEY_EVENTS.created,
          metadata: {
            prefix: created.prefix,
            subscriptionId,
            expiresAt: expiresAt?.toISOString() ?? null,
          },
        },
        tx,
      );
      await auditCiKey(
        { ...base, action: CI_KEY_EVENTS.revealed, metadata: { prefix: created.prefix } },
        tx,
      );
      await emitEvent(tx, { teamId, type: "ci_key.created", data: keyEventData(created) });
      return created;
    });
    return { created: true, keyId: row.id, prefix: row.prefix, secret: key.value };
  } catch (error) {
    // A concurrent call (a reloaded checkout return) created it first: never show a second secret.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db.ciApiKey.findFirst({
        where: { subscriptionId, teamId },
        select: { id: true, prefix: true },
      });
      if (existing) return { created: false, keyId: existing.id, prefix: existing.prefix };
    }
    throw error;
  }
}
