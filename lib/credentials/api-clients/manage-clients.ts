// API clients (OAuth client credentials): create (the secret is returned once), list, delete.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { generateKey } from "@/lib/credentials/material/key-material";
import { markTokensRevoked } from "@/lib/credentials/oauth/revocation";
import { API_CLIENT_EVENTS, auditApiClient } from "./audit";
import { normalizeScopes, type Scope } from "./scopes";
import { emitEvent } from "@/lib/webhooks/emit-event";

const DAY_MS = 24 * 60 * 60 * 1000;
/** The seed's advice: treat any key older than 90 days as a candidate for rotation. */
export const ROTATION_HINT_DAYS = 90;

export async function createApiClient(input: {
  teamId: string;
  label: string;
  scopes: Scope[];
  expiresAt: Date | null;
  actor: AuditActor;
  request?: RequestMeta;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const label = input.label.trim();
  if (!label || label.length > 60)
    throw new DomainError("Use 1 to 60 characters.", { field: "label" });
  const scopes = normalizeScopes(input.scopes.length ? input.scopes : ["full"]);
  if (input.expiresAt && input.expiresAt <= now) {
    throw new DomainError("Choose an expiry date in the future.", { field: "expiresAt" });
  }
  const clientId = generateKey("clientId");
  const secret = generateKey("clientSecret");
  const client = await db.$transaction(async (tx) => {
    const row = await tx.apiClient.create({
      data: {
        teamId: input.teamId,
        label,
        clientId: clientId.value,
        secretHash: secret.hash,
        scopes,
        expiresAt: input.expiresAt,
        createdByUserId: input.actor.userId ?? null,
      },
    });
    const base = { teamId: input.teamId, id: row.id, actor: input.actor, request: input.request };
    const metadata = {
      label,
      clientId: row.clientId,
      scopes,
      expiresAt: row.expiresAt?.toISOString() ?? null,
    };
    await auditApiClient({ ...base, action: API_CLIENT_EVENTS.created, metadata }, tx);
    await auditApiClient(
      { ...base, action: API_CLIENT_EVENTS.revealed, metadata: { clientId: row.clientId } },
      tx,
    );
    const data = { id: row.id, client_id: row.clientId, label, scopes };
    await emitEvent(tx, { teamId: input.teamId, type: "api_client.created", data });
    return row;
  });
  return {
    id: client.id,
    label: client.label,
    clientId: client.clientId,
    clientSecret: secret.value,
    scopes,
    expiresAt: client.expiresAt,
  };
}

export type ApiClientRow = {
  id: string;
  label: string;
  clientId: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  expired: boolean;
  rotationDue: boolean;
};

/** The team's live (not deleted) clients, newest first. Never the hash. */
export async function listApiClients(
  teamId: string,
  now: Date = new Date(),
): Promise<ApiClientRow[]> {
  const rows = await db.apiClient.findMany({
    where: { teamId, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      label: true,
      clientId: true,
      scopes: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
    },
  });
  return rows.map((r) => ({
    ...r,
    expired: Boolean(r.expiresAt && r.expiresAt <= now),
    rotationDue: now.getTime() - r.createdAt.getTime() > ROTATION_HINT_DAYS * DAY_MS,
  }));
}

/**
 * Deletes (revokes) a client: it can no longer request tokens. Tokens already issued stay valid
 * until they expire, unless `invalidateTokens` — then they fail from now on too.
 */
export async function deleteApiClient(input: {
  teamId: string;
  id: string;
  invalidateTokens: boolean;
  actor: AuditActor;
  request?: RequestMeta;
  now?: Date;
  /** More work in the delete's transaction (a leak report audits and records its notice). */
  also?: (tx: Tx, client: { id: string; clientId: string; label: string }) => Promise<unknown>;
}) {
  const now = input.now ?? new Date();
  const client = await db.$transaction(async (tx) => {
    const found = await tx.apiClient.findFirst({
      where: { id: input.id, teamId: input.teamId, deletedAt: null },
      select: { id: true, clientId: true, label: true },
    });
    if (!found) throw new DomainError("That API key is not in this team.", { code: "not_found" });
    await tx.apiClient.updateMany({
      where: { id: found.id, teamId: input.teamId },
      data: { deletedAt: now, ...(input.invalidateTokens ? { tokensRevokedAt: now } : {}) },
    });
    const base = { teamId: input.teamId, id: found.id, actor: input.actor, request: input.request };
    const metadata = {
      clientId: found.clientId,
      label: found.label,
      invalidateTokens: input.invalidateTokens,
    };
    await auditApiClient({ ...base, action: API_CLIENT_EVENTS.deleted, metadata }, tx);
    if (input.invalidateTokens)
      await auditApiClient({ ...base, action: API_CLIENT_EVENTS.tokensRevoked, metadata }, tx);
    const data = { id: found.id, client_id: found.clientId, label: found.label };
    await emitEvent(tx, { teamId: input.teamId, type: "api_client.deleted", data });
    await input.also?.(tx, found);
    return found;
  });
  // This server applies it at once; the others when the trigger's NOTIFY reaches them (< 1 s).
  if (input.invalidateTokens) markTokensRevoked(client.clientId, now);
  return client;
}
