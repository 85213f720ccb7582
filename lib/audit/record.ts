// The team audit log: who did what to which credential or member, from where.
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditActor = { userId?: string | null; label: string };
export type RequestMeta = { ip?: string | null; userAgent?: string | null };

export async function recordAudit(
  entry: {
    teamId: string;
    actor: AuditActor;
    action: string;
    targetType?: string;
    targetId?: string;
    metadata?: Prisma.InputJsonValue;
    request?: RequestMeta;
  },
  tx: Tx | typeof db = db,
) {
  await tx.auditLog.create({
    data: {
      teamId: entry.teamId,
      actorUserId: entry.actor.userId ?? null,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: entry.metadata,
      ip: entry.request?.ip?.slice(0, 100) ?? null,
      userAgent: entry.request?.userAgent?.slice(0, 300) ?? null,
    },
  });
}
