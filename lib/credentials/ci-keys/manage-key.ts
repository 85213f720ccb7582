// Revoking (permanent) and relabelling CI keys.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { auditCiKey, CI_KEY_EVENTS } from "./audit";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { keyEventData } from "./event-data";

const notFound = () => new DomainError("That key is not in this team.", { code: "not_found" });

export async function revokeKey(input: {
  teamId: string;
  keyId: string;
  actor: AuditActor;
  request?: RequestMeta;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  return db.$transaction(async (tx) => {
    const done = await tx.ciApiKey.updateMany({
      where: { id: input.keyId, teamId: input.teamId, revokedAt: null },
      data: { revokedAt: now, revokedByUserId: input.actor.userId ?? null },
    });
    const key = await tx.ciApiKey.findFirst({
      where: { id: input.keyId, teamId: input.teamId },
      select: { id: true, prefix: true },
    });
    if (!key) throw notFound();
    if (done.count === 0) {
      throw new DomainError("This key is already revoked.", { code: "key_revoked" });
    }
    await auditCiKey(
      {
        teamId: input.teamId,
        keyId: key.id,
        action: CI_KEY_EVENTS.revoked,
        actor: input.actor,
        request: input.request,
        metadata: { prefix: key.prefix },
      },
      tx,
    );
    await emitEvent(tx, { teamId: input.teamId, type: "ci_key.revoked", data: keyEventData(key) });
    return key;
  });
}

export async function relabelKey(input: {
  teamId: string;
  keyId: string;
  label: string;
  actor: AuditActor;
  request?: RequestMeta;
}) {
  const label = input.label.trim();
  if (!label || label.length > 60) {
    throw new DomainError("Use 1 to 60 characters.", { field: "label" });
  }
  const before = await db.ciApiKey.findFirst({
    where: { id: input.keyId, teamId: input.teamId },
    select: { id: true, label: true, prefix: true },
  });
  if (!before) throw notFound();
  await db.$transaction(async (tx) => {
    await tx.ciApiKey.updateMany({
      where: { id: before.id, teamId: input.teamId },
      data: { label },
    });
    await auditCiKey(
      {
        teamId: input.teamId,
        keyId: before.id,
        action: CI_KEY_EVENTS.relabeled,
        actor: input.actor,
        request: input.request,
        metadata: { prefix: before.prefix, from: before.label, to: label },
      },
      tx,
    );
  });
  return { id: before.id, label };
}
