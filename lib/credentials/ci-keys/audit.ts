// Audit entries for CI key events, with one place that names them.
import { recordAudit, type AuditActor, type RequestMeta } from "@/lib/audit/record";
import type { db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CI_KEY_EVENTS = {
  created: "ci_key.created",
  revealed: "ci_key.revealed",
  rotated: "ci_key.rotated",
  rotateRateLimited: "ci_key.rotate_rate_limited",
  rotateConflict: "ci_key.rotate_conflict",
  revoked: "ci_key.revoked",
  relabeled: "ci_key.relabeled",
  expiredUse: "ci_key.expired_use",
  revokedUse: "ci_key.revoked_use",
  leaked: "ci_key.leaked",
  leakedUse: "ci_key.leaked_use",
} as const;

export type CiKeyEvent = (typeof CI_KEY_EVENTS)[keyof typeof CI_KEY_EVENTS];

export function auditCiKey(
  entry: {
    teamId: string;
    keyId: string;
    action: CiKeyEvent;
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
      targetType: "ci_api_key",
      targetId: entry.keyId,
      metadata: entry.metadata,
      request: entry.request,
    },
    tx,
  );
}
