// Which team owns a resource, for the REST API's 403. Seed 000 answers 403 for "a monitor
// belonging to a different team", so a bearer route first asks who owns the id (reading only the
// owner's id, nothing else), answers 403 when it is another team, 404 when nobody has it, and
// only then runs its own query — which is still scoped by the caller's team.
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";

export type OwnedKind = "site" | "run" | "webhook_endpoint" | "agent_pool" | "agent";

async function ownerTeamOf(kind: OwnedKind, id: string): Promise<string | null> {
  // Ids are cuids; anything else cannot exist, so skip the query (and never pass junk to it).
  if (!/^[a-z0-9]{1,40}$/i.test(id)) return null;
  const row =
    kind === "site"
      ? await db.site.findUnique({ where: { id }, select: { teamId: true, deletedAt: true } })
      : kind === "run"
        ? await db.run.findUnique({ where: { id }, select: { teamId: true } })
        : kind === "webhook_endpoint"
          ? await db.webhookEndpoint.findUnique({ where: { id }, select: { teamId: true } })
          : kind === "agent_pool"
            ? await db.agentPool.findUnique({ where: { id }, select: { teamId: true } })
            : await db.agent.findUnique({ where: { id }, select: { teamId: true } });
  if (!row) return null;
  return row.teamId;
}

const NAMES: Record<OwnedKind, string> = {
  site: "Site",
  run: "Run",
  webhook_endpoint: "Webhook endpoint",
  agent_pool: "Agent pool",
  agent: "Agent",
};

/**
 * Resolves `id` for a caller of team `teamId`: 403 when another team owns it, 404 when it does
 * not exist. A deleted site of the caller's own team is left to the caller's query (404 there).
 */
export async function assertOwnedBy(teamId: string, kind: OwnedKind, id: string): Promise<void> {
  const owner = await ownerTeamOf(kind, id);
  if (owner === null) throw notFound(`${NAMES[kind]} not found.`);
  if (owner !== teamId) {
    throw forbidden("This credential does not have access to that resource.");
  }
}
