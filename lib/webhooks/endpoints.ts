// A team's webhook endpoints: the rules for creating and changing one (shared by the dashboard
// and the REST API), and the queries, each scoped by the team.
import { z } from "zod";
import { recordAudit, type AuditActor, type RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError, notFound, parseOrThrow } from "@/lib/errors";
import { isPossibleId } from "@/lib/pg-text";
import { SUBSCRIBABLE_EVENT_TYPES } from "./events";
import { checkEndpointUrl } from "./endpoint-url";

export const MAX_ENDPOINTS_PER_TEAM = 20;

const eventTypes = z
  .array(z.enum(SUBSCRIBABLE_EVENT_TYPES as [string, ...string[]]))
  .min(1, "Choose at least one event type.")
  .max(SUBSCRIBABLE_EVENT_TYPES.length)
  .transform((types) => SUBSCRIBABLE_EVENT_TYPES.filter((t) => types.includes(t)));

export const endpointInputSchema = z.object({
  url: z.string().max(4096),
  description: z.string().trim().max(500, "Use at most 500 characters.").default(""),
  eventTypes,
  enabled: z.boolean().default(true),
});
export const endpointPatchSchema = endpointInputSchema.partial();

export type EndpointInput = z.input<typeof endpointInputSchema>;
export type EndpointPatch = z.input<typeof endpointPatchSchema>;

export type Who = { teamId: string; actor: AuditActor; request?: RequestMeta };

function urlOrThrow(raw: string, allowPrivateNetworks: boolean): string {
  const checked = checkEndpointUrl(raw, allowPrivateNetworks);
  if (!checked.ok) {
    throw new DomainError(checked.error, { fields: { url: [checked.error] } });
  }
  return checked.url;
}

const allowPrivate = () => env().CRAWL_ALLOW_PRIVATE_NETWORKS;

function audit(who: Who, action: string, endpointId: string, metadata: Record<string, unknown>) {
  return recordAudit({
    teamId: who.teamId,
    actor: who.actor,
    action,
    targetType: "webhook_endpoint",
    targetId: endpointId,
    metadata: metadata as never,
    request: who.request,
  });
}

export async function listEndpoints(teamId: string) {
  return db.webhookEndpoint.findMany({
    where: { teamId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

export async function getEndpoint(teamId: string, id: string) {
  if (!isPossibleId(id)) return null;
  return db.webhookEndpoint.findFirst({ where: { id, teamId } });
}

export async function createEndpoint(who: Who, input: EndpointInput) {
  const parsed = parseOrThrow(endpointInputSchema, input, "endpoint");
  const url = urlOrThrow(parsed.url, allowPrivate());
  // Count and insert under a per-team lock, so concurrent creations cannot pass the cap together.
  const endpoint = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhook-endpoints:${who.teamId}`}))`;
    const count = await tx.webhookEndpoint.count({ where: { teamId: who.teamId } });
    if (count >= MAX_ENDPOINTS_PER_TEAM) {
      throw new DomainError(`A team can have at most ${MAX_ENDPOINTS_PER_TEAM} webhook endpoints.`);
    }
    return tx.webhookEndpoint.create({ data: { teamId: who.teamId, ...parsed, url } });
  });
  await audit(who, "webhook_endpoint.created", endpoint.id, { url, eventTypes: parsed.eventTypes });
  return endpoint;
}

export async function updateEndpoint(who: Who, id: string, patch: EndpointPatch) {
  const parsed = parseOrThrow(endpointPatchSchema, patch, "endpoint");
  const existing = await getEndpoint(who.teamId, id);
  if (!existing) throw notFound("Webhook endpoint not found.");
  const url = parsed.url === undefined ? undefined : urlOrThrow(parsed.url, allowPrivate());
  // Turning an endpoint back on starts its failure clock afresh.
  const reenabled = parsed.enabled === true && !existing.enabled;
  const endpoint = await db.webhookEndpoint.update({
    where: { id: existing.id, teamId: who.teamId },
    data: {
      ...parsed,
      url,
      ...(reenabled ? { failingSince: null, disabledAt: null, disabledReason: null } : {}),
    },
  });
  await audit(who, "webhook_endpoint.updated", id, {
    changed: Object.keys(parsed).filter((k) => parsed[k as keyof typeof parsed] !== undefined),
  });
  return endpoint;
}

export async function deleteEndpoint(who: Who, id: string) {
  const existing = await getEndpoint(who.teamId, id);
  if (!existing) throw notFound("Webhook endpoint not found.");
  await db.webhookEndpoint.delete({ where: { id: existing.id, teamId: who.teamId } });
  await audit(who, "webhook_endpoint.deleted", id, { url: existing.url });
  return { id, deleted: true };
}
