// Client authentication for the token endpoint: the id and secret must both parse (checksum),
// the secret's hash must match in constant time, and the client must be live and unexpired.
// The token endpoint runs this on every request, so the client and the failure counters that may
// refuse it are read in one round trip on the pg pool (a typed Kysely query), and nothing is
// written on success beyond a last-used time at most once a minute.
import { timingSafeEqual } from "node:crypto";
import type { RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { hashKey, parseKey } from "@/lib/credentials/material/key-material";
import { preparedQuery, kdb } from "@/lib/kysely";
import { logger } from "@/lib/log";
import { failuresSelect } from "@/lib/rate-limit/failure-limit";
import { createThrottle } from "@/lib/rate-limit/throttle";
import { API_CLIENT_EVENTS, auditApiClient } from "./audit";

export type AuthenticatedClient = {
  id: string;
  teamId: string;
  clientId: string;
  label: string;
  scopes: string[];
  expiresAt: Date | null;
};

export type ClientAuthResult =
  | { ok: true; client: AuthenticatedClient }
  /** `known`: the id names an existing client (its failures may be counted against it). */
  | { ok: false; reason: "invalid"; known: boolean }
  /** A failure counter given in `limits` is already at its limit. */
  | { ok: false; reason: "limited"; key: string };

// Bookkeeping gates only (at most one write a minute per key and process); never for decisions.
const lastUsedGate = createThrottle(60_000);
const failedUseGate = createThrottle(60_000);
// Compared against when the client id is unknown, so that path does the same work.
const DUMMY_HASH = hashKey("dh_secret_dummy");

function hashesEqual(a: string, b: string) {
  return timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}

// The client and the two failure counters that may refuse it, in one prepared round trip.
const findClient = preparedQuery((clientId: string, ipKey: string, clientKey: string) =>
  kdb()
    .selectFrom("ApiClient")
    .select([
      "id",
      "teamId",
      "clientId",
      "label",
      "scopes",
      "secretHash",
      "expiresAt",
      "deletedAt",
      failuresSelect(ipKey).as("ipFailures"),
      failuresSelect(clientKey).as("clientFailures"),
    ])
    .where("clientId", "=", clientId),
);

/**
 * Checks a client id and secret. `limits` names failure counters (their keys and the limit) that
 * refuse the request when already reached; the client counter's key is per client id.
 */
export async function authenticateApiClient(
  clientId: string,
  clientSecret: string,
  options: {
    request?: RequestMeta;
    now?: Date;
    limits?: {
      ip?: string;
      client?: (clientId: string) => string;
      max?: { ip: number; client: number };
    };
  } = {},
): Promise<ClientAuthResult> {
  const now = options.now ?? new Date();
  const id = parseKey("clientId", clientId);
  const secret = parseKey("clientSecret", clientSecret);
  const presented = hashKey(clientSecret);
  // A malformed secret for a real client id is still a failed attempt on that client: look it up.
  if (!id) return { ok: false, reason: "invalid", known: false };
  const clientKey = options.limits?.client?.(id.value);
  // Absent counters get keys no counter has, so the one compiled shape serves every call.
  const [row] = await findClient(id.value, options.limits?.ip ?? "-ip", clientKey ?? "-client");
  const max = options.limits?.max;
  if (row && max) {
    if (options.limits?.ip && (row.ipFailures ?? 0) >= max.ip)
      return { ok: false, reason: "limited", key: options.limits.ip };
    if (clientKey && (row.clientFailures ?? 0) >= max.client)
      return { ok: false, reason: "limited", key: clientKey };
  }
  const matches =
    hashesEqual(presented, row?.secretHash ?? DUMMY_HASH) && secret !== null && row !== undefined;
  if (!row || !matches) return { ok: false, reason: "invalid", known: row !== undefined };
  const deleted = row.deletedAt !== null;
  const expired = row.expiresAt !== null && row.expiresAt <= now;
  if (deleted || expired) {
    const action = deleted ? API_CLIENT_EVENTS.deletedUse : API_CLIENT_EVENTS.expiredUse;
    if (failedUseGate.take(`${row.id}:${action}`, now.getTime())) {
      void auditApiClient({
        teamId: row.teamId,
        id: row.id,
        action,
        actor: { label: `API client ${row.clientId}` },
        request: options.request,
        metadata: { clientId: row.clientId },
      }).catch((err: unknown) => logger.warn({ err }, "API client audit failed"));
    }
    return { ok: false, reason: "invalid", known: true };
  }
  touchApiClient(row.clientId, now);
  return {
    ok: true,
    client: {
      id: row.id,
      teamId: row.teamId,
      clientId: row.clientId,
      label: row.label,
      scopes: row.scopes,
      expiresAt: row.expiresAt,
    },
  };
}

/** Records use (token request or bearer call) at most once a minute per client and server. */
export function touchApiClient(clientId: string, now: Date = new Date()) {
  if (!lastUsedGate.take(clientId, now.getTime())) return;
  void db.apiClient
    .updateMany({
      where: {
        clientId,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }],
      },
      data: { lastUsedAt: now },
    })
    .catch((err: unknown) => logger.warn({ err }, "API client last-used update failed"));
}
