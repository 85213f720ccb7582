// Clients whose already-issued tokens were invalidated on delete ("also invalidate tokens already
// issued"), held in memory so bearer verification stays DB-free. The database is the truth: a
// trigger notifies every process (lib/pg-notify.ts) in the transaction that sets
// `tokensRevokedAt`, so each one refuses those tokens as soon as the delete commits. While the
// listening connection is down, the list is re-read at most every STALE_AFTER_MS.
import { kdb, utcTimestamp } from "@/lib/kysely";
import {
  listenerEpoch,
  listenerLive,
  subscribeInvalidations,
  type Invalidation,
} from "@/lib/pg-notify";

// Tokens live at most 24 h, so older revocations can no longer matter.
const MAX_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;
// Without a live listener, an entry is trusted this long (well inside the 1 s promise).
const STALE_AFTER_MS = 500;

type List = { epoch: number; loadedAt: number; byClient: Map<string, number> };

let list: List | null = null;
let loading: Promise<List> | null = null;
// Notifications that arrive while a load is running: its snapshot may predate them.
let pending: Map<string, number> | null = null;

function apply(byClient: Map<string, number>, clientId: string, at: number) {
  const known = byClient.get(clientId);
  if (known === undefined || at > known) byClient.set(clientId, at);
}

function onMessage(message: Invalidation) {
  if (message.t !== "api_client_revoked") return;
  if (list) apply(list.byClient, message.clientId, message.at);
  if (pending) apply(pending, message.clientId, message.at);
}

async function load(): Promise<List> {
  const epoch = listenerEpoch();
  pending = new Map();
  try {
    const since = new Date(Date.now() - MAX_TOKEN_LIFETIME_MS - 60_000);
    const rows = await kdb()
      .selectFrom("ApiClient")
      .select(["clientId", "tokensRevokedAt"])
      .where("tokensRevokedAt", ">", utcTimestamp(since))
      .execute();
    const byClient = new Map<string, number>();
    for (const r of rows)
      if (r.tokensRevokedAt) apply(byClient, r.clientId, r.tokensRevokedAt.getTime());
    for (const [id, at] of pending) apply(byClient, id, at);
    // Revocations this process made itself that the read might have raced with.
    for (const [id, at] of list?.byClient ?? []) apply(byClient, id, at);
    list = { epoch, loadedAt: Date.now(), byClient };
    return list;
  } finally {
    pending = null;
  }
}

function fresh(current: List | null): current is List {
  if (!current) return false;
  if (listenerLive() && current.epoch === listenerEpoch()) return true;
  return Date.now() - current.loadedAt < STALE_AFTER_MS;
}

let subscribed = false;

/** When the client's issued tokens were revoked (ms), or null. Reads memory while it is fresh. */
export async function tokensRevokedAt(clientId: string): Promise<number | null> {
  if (!subscribed) {
    subscribed = true;
    subscribeInvalidations({
      onMessage,
      // Missed notifications are possible: the next call reloads (epoch changed).
      onReset: () => undefined,
    });
  }
  let current = list;
  if (!fresh(current)) {
    loading ??= load().finally(() => {
      loading = null;
    });
    current = await loading;
  }
  return current.byClient.get(clientId) ?? null;
}

/** Applies a revocation in this process at once (the delete that caused it ran here). */
export function markTokensRevoked(clientId: string, at: Date) {
  if (list) apply(list.byClient, clientId, at.getTime());
  if (pending) apply(pending, clientId, at.getTime());
}

/** For tests: forget the in-memory list (the next call reads the database). */
export function resetRevocationList() {
  list = null;
}
