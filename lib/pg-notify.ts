// Cache invalidation across processes through PostgreSQL LISTEN/NOTIFY. In-memory caches of
// credential state (revoked API clients, signing keys) are only an optimisation: the database is
// the truth, and database triggers (migration 20261201060000_credential_notify) send a
// notification on channel `signaldiff_credentials` in the same transaction as every change, so
// each process drops the affected entry as soon as the change commits.
//
// One listening connection per copy of this module (normally one per process). While it is not
// connected and listening, `listenerLive()` is false and caches must fall back to short-lived
// entries; every (re)connect bumps the epoch and tells subscribers to reload everything, because
// notifications sent while disconnected are lost.
import pg from "pg";
import { logger } from "@/lib/log";
import { pgConfig } from "@/lib/pg-pool";

export const CREDENTIALS_CHANNEL = "signaldiff_credentials";
export const LISTENER_APPLICATION_NAME = "signaldiff-listen";

export type Invalidation =
  { t: "api_client_revoked"; clientId: string; at: number } | { t: "signing_keys" };

type Subscriber = {
  /** One change, as it committed. */
  onMessage: (message: Invalidation) => void;
  /** Notifications may have been missed (disconnect, reconnect): drop or reload everything. */
  onReset: () => void;
};

const subscribers = new Set<Subscriber>();

/** Other channels on the same listening connection (agent work: lib/agents/wait-for-work.ts). */
type ChannelSubscriber = { onPayload: (payload: string) => void; onReset?: () => void };
const channels = new Map<string, Set<ChannelSubscriber>>();
let client: pg.Client | null = null;
let live = false;
let epoch = 0;
let started = false;
let retryMs = 100;

/** True while this process is connected and listening, so cached entries can be trusted. */
export function listenerLive(): boolean {
  return live;
}

/** Changes on every connect and disconnect; a cache entry loaded under another epoch is stale. */
export function listenerEpoch(): number {
  return epoch;
}

function parse(payload: string | undefined): Invalidation | null {
  try {
    const value = JSON.parse(payload ?? "") as Partial<Invalidation> & Record<string, unknown>;
    if (value.t === "signing_keys") return { t: "signing_keys" };
    if (
      value.t === "api_client_revoked" &&
      typeof value.clientId === "string" &&
      typeof value.at === "number"
    )
      return { t: "api_client_revoked", clientId: value.clientId, at: value.at };
  } catch {
    // fall through: an unknown payload resets everything, which is always safe.
  }
  return null;
}

function resetAll() {
  epoch++;
  for (const s of subscribers) s.onReset();
  for (const set of channels.values()) for (const s of set) s.onReset?.();
}

function lost(c: pg.Client, err?: unknown) {
  if (client !== c) return;
  client = null;
  live = false;
  resetAll();
  if (err) logger.warn({ err }, "PostgreSQL LISTEN connection lost; reconnecting");
  c.end().catch(() => undefined);
  const wait = retryMs;
  retryMs = Math.min(retryMs * 2, 5_000);
  setTimeout(connect, wait).unref();
}

function connect() {
  // Named, so operators (and the reconnect test) can tell it from pooled connections.
  const c = new pg.Client({ ...pgConfig(), application_name: LISTENER_APPLICATION_NAME });
  client = c;
  c.on("error", (err) => lost(c, err));
  c.on("end", () => lost(c));
  c.on("notification", (msg) => {
    if (msg.channel !== CREDENTIALS_CHANNEL) {
      for (const s of channels.get(msg.channel) ?? []) s.onPayload(msg.payload ?? "");
      return;
    }
    const message = parse(msg.payload);
    if (!message) {
      resetAll();
      return;
    }
    for (const s of subscribers) s.onMessage(message);
  });
  c.connect()
    .then(() => c.query(`LISTEN ${CREDENTIALS_CHANNEL}`))
    .then(() => Promise.all([...channels.keys()].map((ch) => c.query(`LISTEN ${ch}`))))
    .then(() => {
      if (client !== c) return;
      // Listening from here on; anything cached before may have missed changes.
      resetAll();
      live = true;
      retryMs = 100;
      // The listening connection must not keep a script or test process alive.
      (
        c as unknown as { connection?: { stream?: { unref?: () => void } } }
      ).connection?.stream?.unref?.();
    })
    .catch((err: unknown) => lost(c, err));
}

function start() {
  if (started) return;
  started = true;
  connect();
}

/** Registers a cache's handlers and starts the listener on first use. */
export function subscribeInvalidations(subscriber: Subscriber): void {
  subscribers.add(subscriber);
  start();
}

/**
 * Listens on another channel through the same connection; returns the unsubscribe function.
 * `onReset` is called whenever notifications may have been missed (connect, reconnect).
 */
export function subscribeChannel(channel: string, subscriber: ChannelSubscriber): () => void {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`Bad channel name ${channel}`);
  let set = channels.get(channel);
  if (!set) {
    set = new Set();
    channels.set(channel, set);
    // Already listening: add this channel now (a later reconnect LISTENs on every channel).
    if (live && client) void client.query(`LISTEN ${channel}`).catch(() => undefined);
  }
  set.add(subscriber);
  start();
  return () => {
    set.delete(subscriber);
  };
}

/** Starts the listener and resolves once listening (or false after `timeoutMs`). */
export async function waitForListener(timeoutMs = 5_000): Promise<boolean> {
  start();
  const until = Date.now() + timeoutMs;
  while (!live && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return live;
}
