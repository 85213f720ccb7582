// Agent pools: a team's named groups of customer agents. Every query is scoped by team; a pool of
// another team is "not found", exactly like one that does not exist.
import { z } from "zod";
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { conflict, notFound, parseOrThrow } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isPossibleId, withoutNul } from "@/lib/pg-text";
import { AGENT_EVENTS, auditAgent } from "./audit";

export const poolInputSchema = z.object({
  name: withoutNul(
    z
      .string({ error: "Name the pool." })
      .trim()
      .min(1, "Name the pool.")
      .max(60, "A pool name is at most 60 characters."),
    "The name",
  ),
  description: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    withoutNul(
      z.string().trim().max(300, "A description is at most 300 characters."),
      "The description",
    ).nullish(),
  ),
});
export type PoolInput = z.infer<typeof poolInputSchema>;

export type PoolView = {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
};

const poolSelect = { id: true, name: true, description: true, createdAt: true } as const;

export async function listPools(teamId: string): Promise<PoolView[]> {
  return db.agentPool.findMany({
    where: { teamId },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: poolSelect,
  });
}

/** The team's pool, or a not_found DomainError. */
export async function getPool(teamId: string, poolId: string): Promise<PoolView> {
  const pool = isPossibleId(poolId)
    ? await db.agentPool.findFirst({ where: { id: poolId, teamId }, select: poolSelect })
    : null;
  if (!pool) throw notFound("Agent pool not found in this team.");
  return pool;
}

function duplicateName(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function createPool(
  teamId: string,
  input: unknown,
  actor: AuditActor,
  request?: RequestMeta,
): Promise<PoolView> {
  const data = parseOrThrow(poolInputSchema, input, "pool");
  try {
    return await db.$transaction(async (tx) => {
      const pool = await tx.agentPool.create({
        data: { teamId, name: data.name, description: data.description ?? null },
        select: poolSelect,
      });
      await auditAgent(
        {
          teamId,
          action: AGENT_EVENTS.poolCreated,
          actor,
          request,
          targetType: "agent_pool",
          targetId: pool.id,
          metadata: { name: pool.name },
        },
        tx,
      );
      return pool;
    });
  } catch (error) {
    if (duplicateName(error)) throw conflict(`A pool named "${data.name}" already exists.`);
    throw error;
  }
}

export async function updatePool(
  teamId: string,
  poolId: string,
  input: unknown,
  actor: AuditActor,
  request?: RequestMeta,
): Promise<PoolView> {
  const before = await getPool(teamId, poolId);
  const data = parseOrThrow(poolInputSchema.partial(), input, "pool");
  try {
    return await db.$transaction(async (tx) => {
      const pool = await tx.agentPool.update({
        where: { id: before.id, teamId },
        data: {
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.description !== undefined ? { description: data.description ?? null } : {}),
        },
        select: poolSelect,
      });
      await auditAgent(
        {
          teamId,
          action: AGENT_EVENTS.poolRenamed,
          actor,
          request,
          targetType: "agent_pool",
          targetId: pool.id,
          metadata: { from: before.name, to: pool.name },
        },
        tx,
      );
      return pool;
    });
  } catch (error) {
    if (duplicateName(error)) throw conflict(`A pool named "${data.name}" already exists.`);
    throw error;
  }
}

/**
 * Deletes a pool and its agents (their credentials stop working at once). Refused while a site
 * runs on it or a run waits for it, so nothing is left pointing at a pool that is gone.
 */
export async function deletePool(
  teamId: string,
  poolId: string,
  actor: AuditActor,
  request?: RequestMeta,
): Promise<void> {
  const pool = await getPool(teamId, poolId);
  await db.$transaction(async (tx) => {
    // The admissions' team lock (lib/runs/admit-run.ts): a run being queued for this pool
    // commits before the count below, so the pool is never deleted under it.
    await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
    const sites = await tx.site.count({
      where: { teamId, agentPoolId: pool.id, deletedAt: null, executionMode: "agent" },
    });
    if (sites)
      throw conflict(
        `${sites} site(s) run on pool "${pool.name}"; move them to another pool or to cloud first.`,
      );
    const active = await tx.run.count({
      where: { teamId, agentPoolId: pool.id, status: { in: ["queued", "running"] } },
    });
    if (active)
      throw conflict(
        `${active} run(s) are queued or running on pool "${pool.name}"; wait or cancel them.`,
      );
    await tx.agentPool.delete({ where: { id: pool.id, teamId } });
    await auditAgent(
      {
        teamId,
        action: AGENT_EVENTS.poolDeleted,
        actor,
        request,
        targetType: "agent_pool",
        targetId: pool.id,
        metadata: { name: pool.name },
      },
      tx,
    );
  });
}
