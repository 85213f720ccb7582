// An API client secret reported leaked (secret scanning): the client is deleted and the tokens it
// already issued are invalidated — in this process at once, in every other one through the
// LISTEN/NOTIFY invalidation (lib/credentials/oauth/revocation.ts) within a second.
import type { AuditActor, RequestMeta } from "@/lib/audit/record";
import { db, type Tx } from "@/lib/db";
import { API_CLIENT_EVENTS, auditApiClient } from "./audit";
import { deleteApiClient } from "./manage-clients";

export type LeakedApiClient = { id: string; teamId: string; clientId: string; label: string };

export type ApiClientMatch = { found: false } | { found: true; deleted: LeakedApiClient | null };

export async function deleteLeakedApiClient(input: {
  secretHash: string;
  actor: AuditActor;
  request?: RequestMeta;
  metadata?: Record<string, string | null>;
  now?: Date;
  also?: (tx: Tx, client: LeakedApiClient, leakedAt: Date) => Promise<unknown>;
}): Promise<ApiClientMatch> {
  const now = input.now ?? new Date();
  const client = await db.apiClient.findUnique({
    where: { secretHash: input.secretHash },
    select: { id: true, teamId: true, deletedAt: true },
  });
  if (!client) return { found: false };
  // Already deleted: nothing left to disable (its tokens were handled by that delete).
  if (client.deletedAt) return { found: true, deleted: null };
  let leaked: LeakedApiClient | null = null;
  try {
    await deleteApiClient({
      teamId: client.teamId,
      id: client.id,
      invalidateTokens: true,
      actor: input.actor,
      request: input.request,
      now,
      also: async (tx, found) => {
        leaked = { ...found, teamId: client.teamId };
        await auditApiClient(
          {
            teamId: client.teamId,
            id: found.id,
            action: API_CLIENT_EVENTS.leaked,
            actor: input.actor,
            request: input.request,
            metadata: { clientId: found.clientId, label: found.label, ...input.metadata },
          },
          tx,
        );
        await input.also?.(tx, leaked, now);
      },
    });
  } catch (error) {
    // Deleted concurrently (by a person or a second report): it is gone either way.
    const gone = await db.apiClient.findFirst({
      where: { id: client.id, deletedAt: { not: null } },
      select: { id: true },
    });
    if (gone) return { found: true, deleted: null };
    throw error;
  }
  return { found: true, deleted: leaked };
}
