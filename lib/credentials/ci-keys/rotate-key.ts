// Rotating a CI key: a new secret on the same record, the old one dead on its very next request.
// It is also how a key reported leaked is restored ("Leaked — rotate to restore"); revoke is final.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { generateKey } from "@/lib/credentials/material/key-material";
import { consumePoint, postgresLimiter, retryInWords } from "@/lib/rate-limit/postgres-limiter";
import { hasRole, type Role } from "@/lib/teams/roles";
import { auditCiKey, CI_KEY_EVENTS } from "./audit";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { keyEventData } from "./event-data";
import { keyStatus, rotatableKeyWhere } from "./status";

export const ROTATE_WORD = "ROTATE";

export type RotateInput = {
  teamId: string;
  keyId: string;
  /** The word the person typed; checked here, whatever the browser did. */
  confirm: string;
  actor: AuditActor & { role: Role };
  request?: RequestMeta;
  now?: Date;
};

function limiters() {
  const e = env();
  return {
    perKey: postgresLimiter(
      "ci_rotate_key",
      e.CI_KEY_ROTATE_LIMIT_PER_KEY,
      e.CI_KEY_ROTATE_WINDOW_SECONDS,
    ),
    perTeam: postgresLimiter(
      "ci_rotate_team",
      e.CI_KEY_ROTATE_LIMIT_PER_TEAM,
      e.CI_KEY_ROTATE_WINDOW_SECONDS,
    ),
  };
}

export async function rotateKey(
  input: RotateInput,
): Promise<{ keyId: string; prefix: string; secret: string }> {
  if (input.confirm !== ROTATE_WORD) {
    throw new DomainError(`Type ${ROTATE_WORD} to confirm the rotation.`, { field: "confirm" });
  }
  if (!hasRole(input.actor.role, "admin")) {
    throw new DomainError("Only team owners and admins can rotate keys.", {
      code: "forbidden",
    });
  }
  const now = input.now ?? new Date();
  const key = await db.ciApiKey.findFirst({
    where: { id: input.keyId, teamId: input.teamId },
    include: { subscription: true },
  });
  if (!key) throw new DomainError("That key is not in this team.", { code: "not_found" });
  const status = keyStatus(key, key.subscription, now);
  if (status === "revoked") {
    throw new DomainError("A revoked key cannot be rotated.", { code: "key_revoked" });
  }
  if (status === "expired") {
    throw new DomainError("An expired key cannot be rotated; start a new checkout on Pricing.", {
      code: "key_expired",
    });
  }

  const fresh = generateKey("ci");
  const base = { teamId: input.teamId, keyId: key.id, actor: input.actor, request: input.request };
  const outcome = await swapUnderBudget(base, key, fresh, now);
  if (outcome.kind === "conflict") {
    await auditCiKey({
      ...base,
      action: CI_KEY_EVENTS.rotateConflict,
      metadata: { prefix: key.prefix },
    });
    throw new DomainError("This key changed while you were rotating it. Reload and try again.", {
      code: "conflict",
    });
  }
  if (outcome.kind === "limited") {
    await auditCiKey({
      ...base,
      action: CI_KEY_EVENTS.rotateRateLimited,
      metadata: {
        prefix: key.prefix,
        limit: outcome.scope,
        retryAfterSeconds: outcome.retryAfterSeconds,
      },
    });
    throw new DomainError(
      `${outcome.scope === "key" ? "This key was" : "This team's keys were"} rotated too often. Try again ${retryInWords(outcome.retryAfterSeconds)}.`,
      { code: "rate_limited", retryAfter: outcome.retryAfterSeconds },
    );
  }
  return { keyId: key.id, prefix: fresh.displayPrefix, secret: fresh.value };
}

type SwapOutcome =
  | { kind: "rotated" }
  | { kind: "conflict" }
  | { kind: "limited"; scope: "key" | "team"; retryAfterSeconds: number };

/** Thrown inside the transaction to roll the swap back; carries why. */
class Refused extends Error {
  constructor(readonly outcome: Exclude<SwapOutcome, { kind: "rotated" }>) {
    super(outcome.kind);
  }
}

/**
 * Swaps the secret and spends the budget in one transaction, so only rotations that happen count.
 * The compare-and-swap on the hash we read comes first: of concurrent rotations exactly one wins
 * (the others wait on its row lock, then find the hash changed) and only the winner reaches the
 * limiters. A refusal by the limiters rolls the swap back; a point spent for a rotation that then
 * did not commit is given back.
 */
async function swapUnderBudget(
  base: { teamId: string; keyId: string; actor: AuditActor; request?: RequestMeta },
  key: { id: string; prefix: string; secretHash: string; leakedAt: Date | null },
  fresh: ReturnType<typeof generateKey>,
  now: Date,
): Promise<SwapOutcome> {
  const { perKey, perTeam } = limiters();
  const spent: (() => Promise<unknown>)[] = [];
  try {
    await db.$transaction(async (tx) => {
      const swapped = await tx.ciApiKey.updateMany({
        where: {
          id: key.id,
          teamId: base.teamId,
          secretHash: key.secretHash,
          ...rotatableKeyWhere(now),
        },
        data: {
          secretHash: fresh.hash,
          prefix: fresh.displayPrefix,
          rotatedAt: now,
          leakedAt: null,
        },
      });
      if (swapped.count !== 1) throw new Refused({ kind: "conflict" });
      for (const [scope, limiter, id] of [
        ["key", perKey, key.id],
        ["team", perTeam, base.teamId],
      ] as const) {
        const res = await consumePoint(limiter, id);
        if (!res.ok) {
          throw new Refused({ kind: "limited", scope, retryAfterSeconds: res.retryAfterSeconds });
        }
        spent.push(() => limiter.reward(id, 1));
      }
      await auditCiKey(
        {
          ...base,
          action: CI_KEY_EVENTS.rotated,
          metadata: {
            previousPrefix: key.prefix,
            prefix: fresh.displayPrefix,
            ...(key.leakedAt ? { restoredFromLeak: true } : {}),
          },
        },
        tx,
      );
      await auditCiKey(
        { ...base, action: CI_KEY_EVENTS.revealed, metadata: { prefix: fresh.displayPrefix } },
        tx,
      );
      const data = keyEventData({ id: key.id, prefix: fresh.displayPrefix });
      await emitEvent(tx, { teamId: base.teamId, type: "ci_key.rotated", data });
    });
    return { kind: "rotated" };
  } catch (error) {
    await Promise.all(spent.map((refund) => refund()));
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}
