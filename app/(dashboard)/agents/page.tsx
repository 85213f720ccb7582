import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { listAgents } from "@/lib/credentials/agents/agents";
import { hasActivePaidKey } from "@/lib/credentials/agents/enrollment";
import { listPools } from "@/lib/credentials/agents/pools";
import { getDashboardContext } from "@/lib/teams/context";
import { AgentsView } from "./_components/agents-view";

export const metadata: Metadata = { title: "Customer agents" };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export default async function Page() {
  const { team, can } = await getDashboardContext("/agents");
  const [pools, agents, paid] = await Promise.all([
    listPools(team.id),
    listAgents(team.id),
    hasActivePaidKey(team.id),
  ]);
  return (
    <>
      <PageHeader
        title="Customer agents"
        description="Agents you run inside your network crawl sites only it can reach. Pools group them; a site or run in agent mode names its pool."
      />
      <AgentsView
        teamId={team.id}
        canManage={can("admin")}
        paid={paid}
        timeZone={team.timeZone}
        pools={pools.map((p) => ({
          id: p.id,
          name: p.name,
          description: p.description,
          agents: agents.filter((a) => a.poolId === p.id).length,
        }))}
        agents={agents.map((a) => ({
          id: a.id,
          name: a.name,
          poolName: a.poolName,
          hostname: a.hostname,
          version: a.version,
          status: a.status,
          lastSeenAt: iso(a.lastSeenAt),
          currentRunId: a.currentRunId,
        }))}
      />
    </>
  );
}
