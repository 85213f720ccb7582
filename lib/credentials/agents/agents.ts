// Enrolled customer agents: authenticating an agent credential (`sca_…`), the team's agent list
// with live status, and revoking. No cache: a revoked or re-enrolled credential is refused by
// every instance on its next request (one indexed read by hash on the hot pg pool, like CI keys).
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { hashKey, parseKey } from "@/lib/credentials/material/key-material";
import { kdb, preparedQuery } from "@/lib/kysely";
import { isPossibleId } from "@/lib/pg-text";
import { AGENT_EVENTS, auditAgent } from "./audit";

export type AuthenticatedAgent = {
  id: string;
  teamId: string;
  poolId: string;
  name: string;
  lastSeenAt: Date | null;
  /** The hash this request authenticated with: work is claimed only while the agent still has it. */
  credentialHash: string;
};

// One indexed read (unique index on credentialHash) on the hot pg pool as a prepared statement:
// it runs on every agent request, idle long polls included.
const agentByHash = preparedQuery((hash: string) =>
  kdb()
    .selectFrom("Agent")
    .select(["id", "teamId", "poolId", "name", "lastSeenAt", "revokedAt"])
    .where("credentialHash", "=", hash),
);

/** The agent a credential belongs to, or null for every failure (one identical 401). */
export async function authenticateAgent(raw: string | null | undefined) {
  const parsed = parseKey("agent", raw);
  const hash = hashKey(parsed?.value ?? String(raw ?? ""));
  if (!parsed) return null;
  const [agent] = await agentByHash(hash);
  if (!agent || agent.revokedAt) return null;
  const result: AuthenticatedAgent = {
    id: agent.id,
    teamId: agent.teamId,
    poolId: agent.poolId,
    name: agent.name,
    lastSeenAt: agent.lastSeenAt,
    credentialHash: hash,
  };
  return result;
}

/** An agent is online while it polled or heartbeated within this window. */
export const ONLINE_WINDOW_MS = 60_000;

export type AgentStatus = "online" | "busy" | "offline" | "revoked";

export type AgentView = {
  id: string;
  name: string;
  poolId: string;
  poolName: string;
  hostname: string | null;
  version: string | null;
  status: AgentStatus;
  lastSeenAt: Date | null;
  enrolledAt: Date;
  credentialPrefix: string | null;
  currentRunId: string | null;
};

/** The worker id an agent claims runs under (Run.workerId). */
export function agentWorkerId(agentId: string) {
  return `agent:${agentId}`;
}

export async function listAgents(teamId: string, now = new Date()): Promise<AgentView[]> {
  const agents = await db.agent.findMany({
    where: { teamId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }, { id: "asc" }],
    include: { pool: { select: { name: true } } },
  });
  const running = await db.run.findMany({
    where: { teamId, status: "running", workerId: { in: agents.map((a) => agentWorkerId(a.id)) } },
    select: { id: true, workerId: true },
  });
  const runOf = new Map(running.map((r) => [r.workerId, r.id]));
  return agents.map((a) => {
    const currentRunId = runOf.get(agentWorkerId(a.id)) ?? null;
    const online = a.lastSeenAt && now.getTime() - a.lastSeenAt.getTime() < ONLINE_WINDOW_MS;
    const status: AgentStatus = a.revokedAt
      ? "revoked"
      : currentRunId && online
        ? "busy"
        : online
          ? "online"
          : "offline";
    return {
      id: a.id,
      name: a.name,
      poolId: a.poolId,
      poolName: a.pool.name,
      hostname: a.hostname,
      version: a.version,
      status,
      lastSeenAt: a.lastSeenAt,
      enrolledAt: a.enrolledAt,
      credentialPrefix: a.revokedAt ? null : a.credentialPrefix,
      currentRunId,
    };
  });
}

/** Revokes an agent at once: its credential hash is cleared, so its next request gets 401. */
export async function revokeAgent(
  teamId: string,
  agentId: string,
  actor: AuditActor,
  request?: RequestMeta,
): Promise<void> {
  const agent = isPossibleId(agentId)
    ? await db.agent.findFirst({ where: { id: agentId, teamId }, include: { pool: true } })
    : null;
  if (!agent) throw notFound("Agent not found in this team.");
  await db.$transaction(async (tx) => {
    const { count } = await tx.agent.updateMany({
      where: { id: agent.id, teamId, revokedAt: null },
      data: { revokedAt: new Date(), credentialHash: null },
    });
    if (count === 0) return;
    await auditAgent(
      {
        teamId,
        action: AGENT_EVENTS.revoked,
        actor,
        request,
        targetType: "agent",
        targetId: agent.id,
        metadata: { name: agent.name, pool: agent.pool.name, prefix: agent.credentialPrefix },
      },
      tx,
    );
  });
}
