// Storage of the Stripe test tool: its objects (customers, prices, checkout sessions,
// subscriptions, invoices, events, idempotency keys) live in this one process's memory, written
// through to a JSON file when one is configured (`npm start` keeps it in .data/ so the demo
// team's billing history survives restarts). Nothing here touches the product's database: only
// this process reads or writes its "Stripe account", so a lock per object in memory is enough.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export type StripeObject = { id: string; object: string; [key: string]: unknown };

type Row = { data: StripeObject; customerId: string | null; createdAt: number; seq: number };

const rows = new Map<string, Row>();
let file: string | null = null;
let seq = 0;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-looking id: `cus_`, `cs_test_`, `sub_`, … followed by 24 random base62 characters. */
export function newId(prefix: string): string {
  const bytes = randomBytes(24);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

/** Loads the store from `dataFile` (created on first write); without a file it stays in memory. */
export function openStore(dataFile: string | null) {
  rows.clear();
  file = dataFile;
  if (file && existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as { rows: Array<[string, Row]> };
    for (const [id, row] of saved.rows) rows.set(id, row);
    seq = Math.max(0, ...saved.rows.map(([, r]) => r.seq));
  }
}

// Written synchronously after each change and swapped in with a rename, so a crash never leaves
// half a file. The store of a development tool stays small; rewriting it whole is fine.
function persist() {
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ rows: [...rows] }), { mode: 0o600 });
  renameSync(tmp, file);
}

const clone = <T>(value: T): T => structuredClone(value);

export async function getObject<T extends StripeObject>(id: string, type: string) {
  const row = rows.get(id);
  if (!row || row.data.object !== type) return null;
  return clone(row.data) as T;
}

export async function putObject(obj: StripeObject, customerId: string | null): Promise<void> {
  const existing = rows.get(obj.id);
  rows.set(obj.id, {
    data: clone(obj),
    customerId,
    createdAt: existing?.createdAt ?? Date.now(),
    seq: existing?.seq ?? ++seq,
  });
  persist();
}

/** Newest first, at most 100 (as one page of a Stripe list). */
export async function listObjects<T extends StripeObject>(
  type: string,
  filter: { customerId?: string } = {},
): Promise<T[]> {
  return [...rows.values()]
    .filter((r) => r.data.object === type)
    .filter((r) => !filter.customerId || r.customerId === filter.customerId)
    .sort((a, b) => b.seq - a.seq)
    .slice(0, 100)
    .map((r) => clone(r.data) as T);
}

/** Stores events (so they can be listed later) and hands them back for delivery. */
export async function saveEvents(events: StripeObject[], customerId: string) {
  for (const event of events) await putObject(event, customerId);
  return events;
}

const locks = new Map<string, Promise<unknown>>();

/** Runs `fn` after every earlier call with the same key has finished (a double click on Pay). */
export async function serialize<R>(key: string, fn: () => Promise<R>): Promise<R> {
  const previous = locks.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(fn);
  locks.set(key, current);
  try {
    return await current;
  } finally {
    if (locks.get(key) === current) locks.delete(key);
  }
}

/** Reads an object under its lock and lets `change` write it back, one change at a time. */
export async function withLockedObject<T extends StripeObject, R>(
  id: string,
  type: string,
  change: (obj: T) => Promise<R>,
): Promise<R> {
  return serialize(id, async () => {
    const obj = await getObject<T>(id, type);
    if (!obj) throw new TestModeError(404, `No such ${type}: '${id}'`, "resource_missing");
    return change(obj);
  });
}

/** A Stripe-shaped API error ({ error: { type, message, code } }). */
export class TestModeError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = "TestModeError";
  }

  toBody() {
    return {
      error: {
        type: this.status === 409 ? "idempotency_error" : "invalid_request_error",
        message: this.message,
        ...(this.code ? { code: this.code } : {}),
        ...(this.param ? { param: this.param } : {}),
      },
    };
  }
}
