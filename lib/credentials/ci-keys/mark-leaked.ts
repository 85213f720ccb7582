// A CI key reported leaked (secret scanning) is disabled at once: its next request gets the same
// 401 as any bad key, until Rotate gives the same record a new secret (which clears leakedAt).
// Only a key the active rule calls usable is disabled; a revoked or expired one is harmless.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { auditCiKey, CI_KEY_EVENTS } from "./audit";
import { activeKeyWhere } from "./status";

export type LeakedCiKey = { id: string; teamId: string; label: string; prefix: string };

export type CiKeyMatch =
  | { found: false }
  | { found: true; disabled: LeakedCiKey | null; status: "disabled" | "already_leaked" | "inert" };

/**
 * Looks up the key with this secret hash (hashKey of the reported token) and, when it is active,
 * marks it leaked, audits it and runs `also` in the same transaction (the caller records its
 * notice there, so a leak is never disabled without being announced, nor announced twice).
 */
export async function markCiKeyLeaked(input: {
  secretHash: string;
  actor: AuditActor;
  request?: RequestMeta;
  metadata?: Record<string, string | null>;
  now?: Date;
  also?: (tx: Tx, key: LeakedCiKey, leakedAt: Date) => Promise<unknown>;
}): Promise<CiKeyMatch> {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const key = await tx.ciApiKey.findUnique({
      where: { secretHash: input.secretHash },
      select: { id: true, teamId: true, label: true, prefix: true, leakedAt: true },
    });
    if (!key) return { found: false };
    const done = await tx.ciApiKey.updateMany({
      where: { id: key.id, secretHash: input.secretHash, ...activeKeyWhere(now) },
      data: { leakedAt: now },
    });
    if (done.count !== 1) {
      return { found: true, disabled: null, status: key.leakedAt ? "already_leaked" : "inert" };
    }
    const leaked = { id: key.id, teamId: key.teamId, label: key.label, prefix: key.prefix };
    await auditCiKey(
      {
        teamId: key.teamId,
        keyId: key.id,
        action: CI_KEY_EVENTS.leaked,
        actor: input.actor,
        request: input.request,
        metadata: { prefix: key.prefix, ...input.metadata },
      },
      tx,
    );
    await input.also?.(tx, leaked, now);
    return { found: true, disabled: leaked, status: "disabled" };
  });
}
