// Clients whose already-issued tokens were invalidated on delete ("also invalidate tokens already
// issued"), held in memory and refreshed periodically, so bearer verification stays DB-free.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

// Tokens live at most 24 h, so older revocations can no longer matter.
const MAX_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

const state = globalThis as unknown as {
  signalDiffRevoked?: { loadedAt: number; byClient: Map<string, number> };
  signalDiffRevokedLoad?: Promise<void>;
};

async function load() {
  const since = new Date(Date.now() - MAX_TOKEN_LIFETIME_MS - 60_000);
  const rows = await db.apiClient.findMany({
    where: { tokensRevokedAt: { gt: since } },
    select: { clientId: true, tokensRevokedAt: true },
  });
  const byClient = new Map<string, number>();
  for (const r of rows)
    if (r.tokensRevokedAt) byClient.set(r.clientId, r.tokensRevokedAt.getTime());
  // Keep revocations this process made itself that the read might have raced with.
  for (const [id, at] of state.signalDiffRevoked?.byClient ?? [])
    if (!byClient.has(id)) byClient.set(id, at);
  state.signalDiffRevoked = { loadedAt: Date.now(), byClient };
}

function refresh(): Promise<void> {
  state.signalDiffRevokedLoad ??= load().finally(() => {
    state.signalDiffRevokedLoad = undefined;
  });
  return state.signalDiffRevokedLoad;
}

/**
 * When the client's issued tokens were revoked (ms), or null. Reads memory; a stale list is
 * refreshed (one shared read per interval per process, not one per request).
 */
export async function tokensRevokedAt(clientId: string): Promise<number | null> {
  const current = state.signalDiffRevoked;
  const stale =
    !current || Date.now() - current.loadedAt > env().OAUTH_REVOCATION_REFRESH_SECONDS * 1000;
  if (stale) {
    if (current && current.loadedAt > 0) {
      // Serve from memory and refresh in the background; first load is awaited.
      void refresh().catch((err: unknown) =>
        logger.warn({ err }, "revocation list refresh failed"),
      );
    } else {
      await refresh();
    }
  }
  return state.signalDiffRevoked?.byClient.get(clientId) ?? null;
}

/** Applies a revocation in this process at once (the delete that caused it ran here). */
export function markTokensRevoked(clientId: string, at: Date) {
  const current = state.signalDiffRevoked ?? { loadedAt: 0, byClient: new Map<string, number>() };
  current.byClient.set(clientId, at.getTime());
  state.signalDiffRevoked = current;
}

/** For tests. */
export function resetRevocationList() {
  state.signalDiffRevoked = undefined;
}
