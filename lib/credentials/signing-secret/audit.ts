// Audit entries for the webhook signing secret, with one place that names them.
import { recordAudit, type AuditActor, type RequestMeta } from "@/lib/audit/record";
import type { db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const SIGNING_SECRET_EVENTS = {
  revealed: "signing_secret.revealed",
  rotated: "signing_secret.rotated",
  rotateRateLimited: "signing_secret.rotate_rate_limited",
  previousRevoked: "signing_secret.previous_revoked",
} as const;

export type SigningSecretEvent = (typeof SIGNING_SECRET_EVENTS)[keyof typeof SIGNING_SECRET_EVENTS];

export function auditSigningSecret(
  entry: {
    teamId: string;
    action: SigningSecretEvent;
    actor: AuditActor;
    request?: RequestMeta;
    metadata?: Prisma.InputJsonValue;
  },
  tx?: Tx | typeof db,
) {
  return recordAudit(
    {
      teamId: entry.teamId,
      actor: entry.actor,
      action: entry.action,
      targetType: "signing_secret",
      targetId: entry.teamId,
      metadata: entry.metadata,
      request: entry.request,
    },
    tx,
  );
}
