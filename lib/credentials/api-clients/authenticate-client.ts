// Client authentication for the token endpoint: the id and secret must both parse (checksum),
// the secret's hash must match in constant time, and the client must be live and unexpired.
import { timingSafeEqual } from "node:crypto";
import type { RequestMeta } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { hashKey, parseKey } from "@/lib/credentials/material/key-material";
import { logger } from "@/lib/log";
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

const lastUsedGate = createThrottle(60_000);
const failedUseGate = createThrottle(60_000);
// Compared against when the client id is unknown, so that path does the same work.
const DUMMY_HASH = hashKey("dh_secret_dummy");

function hashesEqual(a: string, b: string) {
  return timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}

export async function authenticateApiClient(
  clientId: string,
  clientSecret: string,
  options: { request?: RequestMeta; now?: Date } = {},
): Promise<AuthenticatedClient | null> {
  const now = options.now ?? new Date();
  const id = parseKey("clientId", clientId);
  const secret = parseKey("clientSecret", clientSecret);
  const presented = hashKey(clientSecret);
  if (!id || !secret) return null;
  const row = await db.apiClient.findUnique({ where: { clientId: id.value } });
  const matches = hashesEqual(presented, row?.secretHash ?? DUMMY_HASH) && row !== null;
  if (!row || !matches) return null;
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
    return null;
  }
  touchApiClient(row.clientId, now);
  return {
    id: row.id,
    teamId: row.teamId,
    clientId: row.clientId,
    label: row.label,
    scopes: row.scopes,
    expiresAt: row.expiresAt,
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
