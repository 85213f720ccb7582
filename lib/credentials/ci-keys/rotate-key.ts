// Rotating a CI key: a new secret on the same record, the old one dead on its very next request.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { generateKey } from "@/lib/credentials/material/key-material";
import { consumePoint, postgresLimiter, retryInWords } from "@/lib/rate-limit/postgres-limiter";
import { hasRole, type Role } from "@/lib/teams/roles";
import { auditCiKey, CI_KEY_EVENTS } from "./audit";
import { activeKeyWhere, keyStatus } from "./status";

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

  const { perKey, perTeam } = limiters();
  const byKey = await consumePoint(perKey, key.id);
  const byTeam = byKey.ok ? await consumePoint(perTeam, input.teamId) : null;
  const limited = !byKey.ok
    ? { scope: "key" as const, retryAfterSeconds: byKey.retryAfterSeconds }
    : byTeam && !byTeam.ok
      ? { scope: "team" as const, retryAfterSeconds: byTeam.retryAfterSeconds }
      : null;
  if (limited) {
    await auditCiKey({
      teamId: input.teamId,
      keyId: key.id,
      action: CI_KEY_EVENTS.rotateRateLimited,
      actor: input.actor,
      request: input.request,
      metadata: {
        prefix: key.prefix,
        limit: limited.scope,
        retryAfterSeconds: limited.retryAfterSeconds,
      },
    });
    throw new DomainError(
      `${limited.scope === "key" ? "This key was" : "This team's keys were"} rotated too often. Try again ${retryInWords(limited.retryAfterSeconds)}.`,
      { code: "rate_limited", retryAfter: limited.retryAfterSeconds },
    );
  }

  const fresh = generateKey("ci");
  return db.$transaction(async (tx) => {
    // Compare-and-swap on the hash we read: of two concurrent rotations exactly one wins, so
    // exactly one new secret is ever valid and nobody is handed a secret that is already dead.
    const swapped = await tx.ciApiKey.updateMany({
      where: {
        id: key.id,
        teamId: input.teamId,
        secretHash: key.secretHash,
        ...activeKeyWhere(now),
      },
      data: { secretHash: fresh.hash, prefix: fresh.displayPrefix, rotatedAt: now },
    });
    if (swapped.count !== 1) {
      throw new DomainError("This key changed while you were rotating it. Reload and try again.", {
        code: "conflict",
      });
    }
    const base = {
      teamId: input.teamId,
      keyId: key.id,
      actor: input.actor,
      request: input.request,
    };
    await auditCiKey(
      {
        ...base,
        action: CI_KEY_EVENTS.rotated,
        metadata: { previousPrefix: key.prefix, prefix: fresh.displayPrefix },
      },
      tx,
    );
    await auditCiKey(
      { ...base, action: CI_KEY_EVENTS.revealed, metadata: { prefix: fresh.displayPrefix } },
      tx,
    );
    return { keyId: key.id, prefix: fresh.displayPrefix, secret: fresh.value };
  });
}
