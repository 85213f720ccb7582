// Storage of the built-in test-mode Stripe: its objects (customers, prices, checkout sessions,
// subscriptions, invoices, events, …) live as JSON in StripeTestObject, so the test-mode server
// process and the app's test-mode pages see one consistent "Stripe account".
import { randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type StripeObject = { id: string; object: string; [key: string]: unknown };

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Stripe-looking id: `cus_`, `cs_test_`, `sub_`, … followed by 24 random base62 characters. */
export function newId(prefix: string): string {
  const bytes = randomBytes(24);
  let out = "";
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

type Store = Tx | typeof db;

export async function getObject<T extends StripeObject>(
  id: string,
  type: string,
  store: Store = db,
): Promise<T | null> {
  const row = await store.stripeTestObject.findUnique({ where: { id } });
  if (!row || row.type !== type) return null;
  return row.data as unknown as T;
}

export async function putObject(
  obj: StripeObject,
  customerId: string | null,
  store: Store = db,
): Promise<void> {
  const data = obj as unknown as Prisma.InputJsonValue;
  await store.stripeTestObject.upsert({
    where: { id: obj.id },
    create: { id: obj.id, type: obj.object, customerId, data },
    update: { data, customerId },
  });
}

export async function listObjects<T extends StripeObject>(
  type: string,
  filter: { customerId?: string } = {},
  store: Store = db,
): Promise<T[]> {
  const rows = await store.stripeTestObject.findMany({
    where: { type, ...(filter.customerId ? { customerId: filter.customerId } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return rows.map((r) => r.data as unknown as T);
}

/** Stores events (so they can be listed later) and hands them back for delivery. */
export async function saveEvents(events: StripeObject[], customerId: string, tx: Tx) {
  for (const event of events) await putObject(event, customerId, tx);
  return events;
}

/**
 * Reads an object under a row lock and writes back what `change` returns, so concurrent changes
 * (a double click on Pay, the server and the app at once) apply one after the other.
 */
export async function withLockedObject<T extends StripeObject, R>(
  id: string,
  type: string,
  change: (obj: T, tx: Tx) => Promise<R>,
): Promise<R> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM "StripeTestObject" WHERE id = ${id} FOR UPDATE`;
      const obj = await getObject<T>(id, type, tx);
      if (!obj) throw new TestModeError(404, `No such ${type}: '${id}'`, "resource_missing");
      return change(obj, tx);
    },
    { timeout: 15_000, maxWait: 10_000 },
  );
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
