// One-time enrollment tokens (`sce_…`) and their exchange for an agent credential (`sca_…`).
//
// A token is shown once, stored as a SHA-256 only, expires after an hour and is single use: the
// exchange marks it used with a conditional UPDATE, so of any number of concurrent exchanges
// exactly one wins. The winner gets the agent's own credential (hash-only at rest). Enrolling a
// name that already exists in the pool re-enrolls that agent: its hash is replaced, so the old
// credential is refused on its next request.
import { z } from "zod";
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { generateKey, hashKey, parseKey } from "@/lib/credentials/material/key-material";
import { activeKeyWhere } from "@/lib/credentials/ci-keys/status";
import { withoutNul } from "@/lib/pg-text";
import { AGENT_EVENTS, auditAgent } from "./audit";
import { getPool } from "./pools";

export const ENROLLMENT_TOKEN_TTL_MS = 60 * 60 * 1000;

export const PAID_KEY_REQUIRED_MESSAGE =
  "Customer agents need an active paid CI API key. Start a trial or subscribe on Pricing (/pricing).";

/** True when the team holds a usable CI key (the seed's condition for enrolling agents). */
export async function hasActivePaidKey(teamId: string, client: Tx | typeof db = db) {
  const key = await client.ciApiKey.findFirst({
    where: { teamId, ...activeKeyWhere(new Date()) },
    select: { id: true },
  });
  return key !== null;
}

export type IssuedEnrollmentToken = {
  token: string;
  prefix: string;
  expiresAt: Date;
  pool: { id: string; name: string };
};

export async function createEnrollmentToken(
  teamId: string,
  poolId: string,
  actor: AuditActor,
  request?: RequestMeta,
  now = new Date(),
): Promise<IssuedEnrollmentToken> {
  const pool = await getPool(teamId, poolId);
  if (!(await hasActivePaidKey(teamId)))
    throw new DomainError(PAID_KEY_REQUIRED_MESSAGE, { code: "forbidden" });
  const key = generateKey("agentEnrollment");
  const expiresAt = new Date(now.getTime() + ENROLLMENT_TOKEN_TTL_MS);
  await db.$transaction(async (tx) => {
    const row = await tx.agentEnrollmentToken.create({
      data: {
        teamId,
        poolId: pool.id,
        tokenHash: key.hash,
        prefix: key.displayPrefix,
        createdByUserId: actor.userId ?? null,
        expiresAt,
      },
    });
    await auditAgent(
      {
        teamId,
        action: AGENT_EVENTS.enrollmentTokenCreated,
        actor,
        request,
        targetType: "agent_pool",
        targetId: pool.id,
        metadata: {
          pool: pool.name,
          tokenId: row.id,
          prefix: key.displayPrefix,
          expiresAt: expiresAt.toISOString(),
        },
      },
      tx,
    );
  });
  return { token: key.value, prefix: key.displayPrefix, expiresAt, pool };
}

const text = (label: string, max: number) =>
  withoutNul(
    z
      .string({ error: `${label} must be a string.` })
      .trim()
      .min(1, `${label} must not be empty.`)
      .max(max, `${label} must be at most ${max} characters.`)
      .regex(/^[\x20-\x7e]+$/, `${label} must be printable ASCII.`),
    label,
  );

export const enrollBodySchema = z
  .object({
    token: z.string({ error: "token is required (the sce_… enrollment token)." }).max(200),
    name: text("name", 100).optional(),
    hostname: text("hostname", 255).optional(),
    version: text("version", 50).optional(),
  })
  .strict();
export type EnrollBody = z.infer<typeof enrollBodySchema>;

export type EnrolledAgent = {
  agent: { id: string; name: string; teamId: string; poolId: string; poolName: string };
  credential: string;
  reEnrolled: boolean;
};

/**
 * Exchanges an enrollment token for an agent credential. Null for every bad token — malformed,
 * unknown, expired or already used — so callers answer them all with the same 401.
 */
export async function exchangeEnrollmentToken(
  body: EnrollBody,
  request?: RequestMeta,
  now = new Date(),
): Promise<EnrolledAgent | null> {
  const parsed = parseKey("agentEnrollment", body.token);
  const hash = hashKey(parsed?.value ?? body.token);
  if (!parsed) return null;
  const name = body.name ?? body.hostname ?? "agent";
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        // The single-use gate: only one transaction can move usedAt from NULL.
        const [token] = await tx.$queryRaw<{ id: string; teamId: string; poolId: string }[]>`
          UPDATE "AgentEnrollmentToken" SET "usedAt" = ${now}
          WHERE "tokenHash" = ${hash} AND "usedAt" IS NULL AND "expiresAt" > ${now}
          RETURNING id, "teamId", "poolId"`;
        if (!token) return null;
        const pool = await tx.agentPool.findFirst({
          where: { id: token.poolId, teamId: token.teamId },
          select: { id: true, name: true },
        });
        if (!pool) return null;
        const credential = generateKey("agent");
        const fields = {
          hostname: body.hostname ?? null,
          version: body.version ?? null,
          credentialHash: credential.hash,
          credentialPrefix: credential.displayPrefix,
          enrolledAt: now,
          lastSeenAt: now,
          revokedAt: null,
        };
        const existing = await tx.agent.findFirst({
          where: { poolId: pool.id, name, teamId: token.teamId },
          select: { id: true },
        });
        const agent = existing
          ? await tx.agent.update({ where: { id: existing.id }, data: fields })
          : await tx.agent.create({
              data: { ...fields, teamId: token.teamId, poolId: pool.id, name },
            });
        await tx.agentEnrollmentToken.update({
          where: { id: token.id },
          data: { agentId: agent.id },
        });
        const actor = { label: `Agent ${name}` };
        const base = {
          teamId: token.teamId,
          actor,
          request,
          targetType: "agent" as const,
          targetId: agent.id,
        };
        const metadata = {
          pool: pool.name,
          name,
          hostname: body.hostname ?? null,
          version: body.version ?? null,
          tokenId: token.id,
          credentialPrefix: credential.displayPrefix,
        };
        await auditAgent({ ...base, action: AGENT_EVENTS.enrollmentTokenUsed, metadata }, tx);
        await auditAgent(
          {
            ...base,
            action: existing ? AGENT_EVENTS.reEnrolled : AGENT_EVENTS.enrolled,
            metadata,
          },
          tx,
        );
        return {
          agent: {
            id: agent.id,
            name,
            teamId: token.teamId,
            poolId: pool.id,
            poolName: pool.name,
          },
          credential: credential.value,
          reEnrolled: Boolean(existing),
        };
      });
    } catch (error) {
      // Two different tokens enrolling the same new name at once: the second retries and
      // re-enrolls the agent the first created.
      const dup = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!dup || attempt >= 2) throw error;
    }
  }
}
