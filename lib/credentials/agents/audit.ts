// Audit entries for customer agent events (seed 004): enroll, token used, re-enroll, revoke, and
// pool changes. One place names them.
import { recordAudit, type AuditActor, type RequestMeta } from "@/lib/audit/record";
import type { db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AGENT_EVENTS = {
  poolCreated: "agent_pool.created",
  poolRenamed: "agent_pool.renamed",
  poolDeleted: "agent_pool.deleted",
  enrollmentTokenCreated: "agent.enrollment_token_created",
  enrollmentTokenUsed: "agent.enrollment_token_used",
  enrolled: "agent.enrolled",
  reEnrolled: "agent.re_enrolled",
  revoked: "agent.revoked",
} as const;

export type AgentEvent = (typeof AGENT_EVENTS)[keyof typeof AGENT_EVENTS];

export function auditAgent(
  entry: {
    teamId: string;
    action: AgentEvent;
    actor: AuditActor;
    targetType: "agent" | "agent_pool";
    targetId: string;
    request?: RequestMeta;
    metadata?: Prisma.InputJsonValue;
  },
  tx?: Tx | typeof db,
) {
  return recordAudit(entry, tx);
}
