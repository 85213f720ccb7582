// "A pool's agents went offline while it has queued runs": runs in execution mode `agent` wait
// for an agent of their pool, and none is online — online meaning what the /agents page means
// (seen within ONLINE_WINDOW_MS, not revoked). A pool that never had an agent seen is not
// announced (no agent "went offline"). The occurrence is the instant the last one went offline,
// so coming back and dropping out again is a new notice; resolved when an agent is online again
// or nothing is queued.
import { db } from "@/lib/db";
import { ONLINE_WINDOW_MS } from "@/lib/credentials/agents/agents";
import type { NoticeProducer } from "./types";

export const agentOfflineWithQueuedRuns: NoticeProducer = {
  kind: "agent_offline_with_queued_runs",
  async find(now, teamId) {
    const onlineSince = new Date(now.getTime() - ONLINE_WINDOW_MS);
    const live = { revokedAt: null, lastSeenAt: { not: null } };
    // Pools (a small table) first: those with an agent that was seen, and none seen lately.
    const pools = await db.agentPool.findMany({
      where: {
        ...(teamId ? { teamId } : {}),
        agents: { some: live, none: { revokedAt: null, lastSeenAt: { gt: onlineSince } } },
      },
      select: {
        id: true,
        teamId: true,
        name: true,
        agents: {
          where: live,
          orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
          take: 1,
          select: { name: true, lastSeenAt: true },
        },
      },
    });
    if (pools.length === 0) return [];
    // Then their queued runs, through the (teamId, status) index.
    const queued = await db.run.groupBy({
      by: ["agentPoolId"],
      where: {
        teamId: { in: [...new Set(pools.map((p) => p.teamId))] },
        status: "queued",
        executionMode: "agent",
        agentPoolId: { in: pools.map((p) => p.id) },
      },
      _count: { _all: true },
    });
    const waiting = new Map(queued.map((q) => [q.agentPoolId, q._count._all]));
    return pools.flatMap((pool) => {
      const last = pool.agents[0];
      const runs = waiting.get(pool.id);
      if (!runs || !last?.lastSeenAt || last.lastSeenAt > onlineSince) return [];
      const offlineAt = new Date(last.lastSeenAt.getTime() + ONLINE_WINDOW_MS).toISOString();
      return [
        {
          teamId: pool.teamId,
          subjectId: pool.id,
          occurrence: offlineAt,
          data: {
            poolName: pool.name,
            agentName: last.name,
            lastSeenAt: last.lastSeenAt.toISOString(),
            queuedRuns: String(runs),
          },
        },
      ];
    });
  },
  describe: (d, date) => ({
    title: `No agent of pool “${d.get("poolName")}” is online, and runs are waiting`,
    text: `Its agents are all offline (the last one seen was ${d.get("agentName")}, on ${date(d.get("lastSeenAt"))}), so the pool's ${d.get("queuedRuns")} queued run(s) wait until one polls again. Restart an agent or enroll a new one.`,
    href: "/agents",
    action: "View agents",
  }),
};
