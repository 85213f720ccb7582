// Authenticating a request's CI key: parse (checksum) → one indexed lookup by hash → the shared
// active rule. Every failure returns null; callers answer all of them with the same 401.
import type { RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { hashKey, parseKey } from "@/lib/credentials/material/key-material";
import { logger } from "@/lib/log";
import { preparedQuery, kdb } from "@/lib/kysely";
import { createThrottle } from "@/lib/rate-limit/throttle";
import { auditCiKey, CI_KEY_EVENTS } from "./audit";
import { keyStatus, type SubscriptionTimes } from "./status";

export type CiKeyAuth = {
  key: { id: string; teamId: string; prefix: string; label: string; subscriptionId: string };
  teamId: string;
};

const LAST_USED_INTERVAL_MS = 60_000;
const lastUsedGate = createThrottle(LAST_USED_INTERVAL_MS);
// Failed uses of a known key are audited at most once a minute per key and kind, so a script
// hammering a revoked key cannot flood the team's audit log.
const failedUseGate = createThrottle(60_000);

/** For tests: forget the in-process throttles. */
export function resetCiKeyThrottles() {
  lastUsedGate.reset();
  failedUseGate.reset();
}

// Bookkeeping runs after the answer is decided and is never awaited by the request, so revoked,
// expired and unknown keys take the same time to answer.
function inBackground(work: () => Promise<unknown>, what: string) {
  void work().catch((err: unknown) => logger.warn({ err }, `CI key ${what} failed`));
}

const FAILED_USE = {
  revoked: CI_KEY_EVENTS.revokedUse,
  expired: CI_KEY_EVENTS.expiredUse,
  leaked: CI_KEY_EVENTS.leakedUse,
} as const;

type KeyRow = {
  id: string;
  teamId: string;
  prefix: string;
  label: string;
  subscriptionId: string;
  revokedAt: Date | null;
  leakedAt: Date | null;
  lastUsedAt: Date | null;
  subscription: SubscriptionTimes;
};

// One indexed read (unique index on secretHash) on the pg pool as a prepared statement: this runs
// on every CI and Agent API request. No cache: a revoked or rotated key is refused by every
// instance on its next request.
const keyByHash = preparedQuery((hash: string) =>
  kdb()
    .selectFrom("CiApiKey as k")
    .innerJoin("Subscription as s", "s.id", "k.subscriptionId")
    .select([
      "k.id",
      "k.teamId",
      "k.prefix",
      "k.label",
      "k.subscriptionId",
      "k.revokedAt",
      "k.leakedAt",
      "k.lastUsedAt",
      "s.status",
      "s.trialEnd",
      "s.currentPeriodEnd",
      "s.endedAt",
    ])
    .where("k.secretHash", "=", hash),
);

async function findKeyByHash(hash: string): Promise<KeyRow | null> {
  const [r] = await keyByHash(hash);
  if (!r) return null;
  const { status, trialEnd, currentPeriodEnd, endedAt, ...key } = r;
  return { ...key, subscription: { status, trialEnd, currentPeriodEnd, endedAt } };
}

export async function authenticateCiKey(
  rawKey: string | null | undefined,
  // The caller's meta, or a function giving it: only a failed use of a known key (audited) reads it.
  options: { request?: RequestMeta | (() => RequestMeta); now?: Date } = {},
): Promise<CiKeyAuth | null> {
  const parsed = parseKey("ci", rawKey);
  // Malformed input is refused before any database work; the hash is still computed so the CPU
  // work matches the well-formed path.
  const hash = hashKey(parsed?.value ?? String(rawKey ?? ""));
  if (!parsed) return null;
  const now = options.now ?? new Date();
  const row = await findKeyByHash(hash);
  if (!row) return null;
  const status = keyStatus(row, row.subscription, now);
  const actor = { label: `CI key ${row.prefix}…` };
  if (status === "revoked" || status === "expired" || status === "leaked") {
    const action = FAILED_USE[status];
    if (failedUseGate.take(`${row.id}:${action}`, now.getTime())) {
      inBackground(
        () =>
          auditCiKey({
            teamId: row.teamId,
            keyId: row.id,
            action,
            actor,
            request: typeof options.request === "function" ? options.request() : options.request,
            metadata: { prefix: row.prefix },
          }),
        "failed-use audit",
      );
    }
    return null;
  }
  const stale =
    !row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS;
  if (stale && lastUsedGate.take(row.id, now.getTime())) {
    // Conditional, so several servers together still write at most about once a minute.
    inBackground(
      () =>
        db.ciApiKey.updateMany({
          where: {
            id: row.id,
            OR: [
              { lastUsedAt: null },
              { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_INTERVAL_MS) } },
            ],
          },
          data: { lastUsedAt: now },
        }),
      "last-used update",
    );
  }
  const key = {
    id: row.id,
    teamId: row.teamId,
    prefix: row.prefix,
    label: row.label,
    subscriptionId: row.subscriptionId,
  };
  return { key, teamId: row.teamId };
}
