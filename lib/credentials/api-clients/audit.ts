import { recordAudit, type AuditActor, type RequestMeta } from "@/lib/audit/record";
import type { db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const API_CLIENT_EVENTS = {
  created: "api_client.created",
  revealed: "api_client.revealed",
  deleted: "api_client.deleted",
  tokensRevoked: "api_client.tokens_revoked",
  expiredUse: "api_client.expired_use",
  deletedUse: "api_client.deleted_use",
  leaked: "api_client.leaked",
} as const;

export function auditApiClient(
  entry: {
    teamId: string;
    id: string;
    action: (typeof API_CLIENT_EVENTS)[keyof typeof API_CLIENT_EVENTS];
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
      targetType: "api_client",
      targetId: entry.id,
      metadata: entry.metadata,
      request: entry.request,
    },
    tx,
  );
}
