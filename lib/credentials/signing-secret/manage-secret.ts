// What people and API clients do with the signing secret: see its state, reveal it (owners and
// admins, audited), rotate it (typed confirmation, the CI key rotation budget) and revoke the
// previous one early. After a rotation the previous secret keeps signing beside the new one for
// 7 days, or until revoked, so receivers can switch without dropping a delivery.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { consumePoint, postgresLimiter, retryInWords } from "@/lib/rate-limit/postgres-limiter";
import { hasRole, type Role } from "@/lib/teams/roles";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { auditSigningSecret, SIGNING_SECRET_EVENTS } from "./audit";
import {
  ensureSigningSecret,
  generateSigningSecret,
  openSecret,
  previousActive,
  sealSecret,
} from "./secret-store";

export const ROTATE_WORD = "ROTATE";
export const PREVIOUS_SECRET_GRACE_MS = 7 * 24 * 3600 * 1000;

export type SecretActor = AuditActor & { role: Role };
type Base = { teamId: string; actor: SecretActor; request?: RequestMeta; now?: Date };

export type SigningSecretInfo = {
  createdAt: Date;
  previous: null | {
    createdAt: Date;
    /** "active": still signing until `until` (auto-revoke); "revoked": no longer signs. */
    state: "active" | "revoked";
    until: Date;
  };
};

function mustManage(actor: SecretActor, what: string) {
  if (!hasRole(actor.role, "admin")) {
    throw new DomainError(`Only team owners and admins can ${what} the signing secret.`, {
      code: "forbidden",
    });
  }
}

/** Metadata only: never the secret. */
export async function getSigningSecretInfo(
  teamId: string,
  now: Date = new Date(),
): Promise<SigningSecretInfo> {
  const row = await ensureSigningSecret(teamId);
  const previous =
    row.previousCreatedAt && row.previousExpiresAt
      ? {
          createdAt: row.previousCreatedAt,
          state: previousActive(row, now) ? ("active" as const) : ("revoked" as const),
          until: row.previousExpiresAt,
        }
      : null;
  return { createdAt: row.createdAt, previous };
}

export async function revealSigningSecret(input: Base): Promise<string> {
  mustManage(input.actor, "reveal");
  const row = await ensureSigningSecret(input.teamId);
  await auditSigningSecret({
    teamId: input.teamId,
    actor: input.actor,
    request: input.request,
    action: SIGNING_SECRET_EVENTS.revealed,
  });
  return openSecret(row.sealedSecret);
}

function rotationLimiter() {
  const e = env();
  // One secret per team: the per-key budget of CI key rotations applies to it.
  return postgresLimiter(
    "signing_secret_rotate",
    e.CI_KEY_ROTATE_LIMIT_PER_KEY,
    e.CI_KEY_ROTATE_WINDOW_SECONDS,
  );
}

/** Rotates; the new secret is returned this once. The previous one signs too for 7 days. */
export async function rotateSigningSecret(
  input: Base & { confirm: string },
): Promise<{ secret: string; previousExpiresAt: Date }> {
  if (input.confirm !== ROTATE_WORD) {
    throw new DomainError(`Type ${ROTATE_WORD} to confirm the rotation.`, { field: "confirm" });
  }
  mustManage(input.actor, "rotate");
  const now = input.now ?? new Date();
  const current = await ensureSigningSecret(input.teamId);
  const limiter = rotationLimiter();
  const spent = await consumePoint(limiter, input.teamId);
  const base = { teamId: input.teamId, actor: input.actor, request: input.request };
  if (!spent.ok) {
    await auditSigningSecret({
      ...base,
      action: SIGNING_SECRET_EVENTS.rotateRateLimited,
      metadata: { retryAfterSeconds: spent.retryAfterSeconds },
    });
    throw new DomainError(
      `The signing secret was rotated too often. Try again ${retryInWords(spent.retryAfterSeconds)}.`,
      { code: "rate_limited", retryAfter: spent.retryAfterSeconds },
    );
  }
  const secret = generateSigningSecret();
  const previousExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_GRACE_MS);
  try {
    await db.$transaction(async (tx) => {
      // Compare-and-swap on the secret we read: of two concurrent rotations one wins.
      const { count } = await tx.webhookSigningSecret.updateMany({
        where: { teamId: input.teamId, sealedSecret: current.sealedSecret },
        data: {
          sealedSecret: sealSecret(secret),
          createdAt: now,
          sealedPrevious: current.sealedSecret,
          previousCreatedAt: current.createdAt,
          previousExpiresAt,
        },
      });
      if (count !== 1) {
        throw new DomainError("The signing secret changed while you were rotating it. Reload.", {
          code: "conflict",
        });
      }
      await auditSigningSecret(
        {
          ...base,
          action: SIGNING_SECRET_EVENTS.rotated,
          metadata: { previousExpiresAt: previousExpiresAt.toISOString() },
        },
        tx,
      );
      await emitEvent(tx, {
        teamId: input.teamId,
        type: "signing_secret.rotated",
        data: { previous_secret_expires_at: previousExpiresAt.toISOString() },
        now,
      });
    });
  } catch (error) {
    await limiter.reward(input.teamId, 1);
    throw error;
  }
  return { secret, previousExpiresAt };
}

/** Stops the previous secret signing now (before its 7 days are up). */
export async function revokePreviousSigningSecret(input: Base): Promise<SigningSecretInfo> {
  mustManage(input.actor, "revoke");
  const now = input.now ?? new Date();
  const { count } = await db.webhookSigningSecret.updateMany({
    where: { teamId: input.teamId, sealedPrevious: { not: null }, previousExpiresAt: { gt: now } },
    data: { sealedPrevious: null, previousExpiresAt: now },
  });
  if (count === 0) {
    throw new DomainError("There is no previous signing secret to revoke.", { code: "conflict" });
  }
  await auditSigningSecret({
    teamId: input.teamId,
    actor: input.actor,
    request: input.request,
    action: SIGNING_SECRET_EVENTS.previousRevoked,
  });
  return getSigningSecretInfo(input.teamId, now);
}
