// The built-in test mode's server: speaks the part of Stripe's HTTP API that Signal Diff calls,
// so the Stripe SDK (pointed here with its host/port/protocol options) runs its real request path.
// Idempotency-Key works as at Stripe: a repeated key returns the first response, a key reused with
// other parameters is refused, and requests sharing a key run one at a time.
import { createHash } from "node:crypto";
import http from "node:http";
import { TEST_MODE_API_KEY } from "@/lib/billing/stripe";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  createCheckoutSession,
  createCustomer,
  createPortalSession,
  ensurePrice,
  listSubscriptions,
  publicView,
  retrieve,
} from "./engine";
import { changeSubscription } from "./subscription-changes";
import { parseStripeForm, type FormObject } from "./form";
import { TestModeError, type StripeObject } from "./store";

export type RecordedRequest = {
  method: string;
  path: string;
  params: FormObject;
  idempotencyKey: string | null;
  stripeVersion: string | null;
};

export type TestServerOptions = {
  /** Origin of the app, for the checkout and portal URLs the sessions carry. */
  appUrl: string;
  priceLookupKey: string;
  /** Called for every authenticated API request (integration tests record them). */
  onRequest?: (req: RecordedRequest) => void;
  /** Receives the events an API write caused, after the response (as Stripe sends them). */
  onEvents?: (events: StripeObject[]) => void;
};

const MAX_BODY = 256 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new TestModeError(413, "Request body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function list(url: string, data: unknown[]) {
  return { object: "list", url, has_more: false, data };
}

async function route(method: string, path: string, params: FormObject, opts: TestServerOptions) {
  const parts = path.split("/").filter(Boolean); // ["v1", ...]
  const [, a, b, c] = parts;
  const is = (m: string, n: number) => method === m && parts.length === n;
  if (a === "customers" && is("POST", 2)) return createCustomer(params);
  if (a === "customers" && is("GET", 3) && b) return retrieve("customer", b);
  if (a === "prices" && is("GET", 2)) {
    const keys = Array.isArray(params.lookup_keys) ? params.lookup_keys : [];
    // The test mode sells one price, created on first use under the configured lookup key.
    const price = await ensurePrice(opts.priceLookupKey);
    return list(
      "/v1/prices",
      keys.includes(opts.priceLookupKey) || keys.length === 0 ? [price] : [],
    );
  }
  if (a === "checkout" && b === "sessions" && is("POST", 3))
    return publicView(await createCheckoutSession(params, opts.appUrl));
  if (a === "checkout" && b === "sessions" && is("GET", 4) && c)
    return publicView(await retrieve("checkout.session", c));
  if (a === "subscriptions" && is("GET", 3) && b) return retrieve("subscription", b);
  if (a === "subscriptions" && is("POST", 3) && b) {
    // Test mode supports the updates Signal Diff makes: ending a trial now, and cancelling at
    // the period end (Cancel subscription on a subscription whose key was revoked).
    const only = Object.keys(params).length === 1;
    const change =
      only && params.trial_end === "now"
        ? "end_trial_now"
        : only && params.cancel_at_period_end === "true"
          ? "cancel_at_period_end"
          : null;
    if (!change)
      throw new TestModeError(
        400,
        "Test mode supports only trial_end=now or cancel_at_period_end=true on subscription updates.",
      );
    const current = await retrieve("subscription", b);
    const { subscription, events } = await changeSubscription(b, String(current.customer), change);
    if (opts.onEvents) setImmediate(() => opts.onEvents?.(events));
    return subscription;
  }
  if (a === "subscriptions" && is("GET", 2)) {
    const customer = typeof params.customer === "string" ? params.customer : "";
    if (!customer)
      throw new TestModeError(
        400,
        "Test mode lists subscriptions by customer only.",
        undefined,
        "customer",
      );
    return list("/v1/subscriptions", await listSubscriptions(customer));
  }
  if (a === "invoices" && is("GET", 3) && b) return retrieve("invoice", b);
  if (a === "billing_portal" && b === "sessions" && is("POST", 3))
    return createPortalSession(params, opts.appUrl);
  throw new TestModeError(
    404,
    `Unrecognized request URL (${method}: ${path}). Test mode does not implement it.`,
  );
}

// Requests sharing an idempotency key run one after the other (a double click sends two).
const inFlight = new Map<string, Promise<unknown>>();

async function idempotent(
  key: string,
  fingerprint: string,
  run: () => Promise<unknown>,
): Promise<unknown> {
  const id = `idem_${createHash("sha256").update(key).digest("hex")}`;
  const previous = inFlight.get(id) ?? Promise.resolve();
  const current = previous
    .catch(() => undefined)
    .then(async () => {
      const stored = await db.stripeTestObject.findUnique({ where: { id } });
      if (stored) {
        const data = stored.data as { fingerprint: string; response: unknown };
        if (data.fingerprint !== fingerprint)
          throw new TestModeError(
            409,
            "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            "idempotency_key_in_use",
          );
        return data.response;
      }
      const response = await run();
      const data = { fingerprint, response } as unknown as Prisma.InputJsonValue;
      await db.stripeTestObject.create({ data: { id, type: "idempotency_key", data } });
      return response;
    });
  inFlight.set(id, current);
  try {
    return await current;
  } finally {
    if (inFlight.get(id) === current) inFlight.delete(id);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    "content-type": "application/json",
    "request-id": `req_test_${Date.now()}`,
  });
  res.end(JSON.stringify(body));
}

export function createTestModeServer(opts: TestServerOptions): http.Server {
  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/health") return send(res, 200, { ok: true });
      if (req.headers.authorization !== `Bearer ${TEST_MODE_API_KEY}`)
        throw new TestModeError(401, "Invalid API Key provided.");
      const method = req.method ?? "GET";
      const body = await readBody(req);
      const params = parseStripeForm(
        method === "GET" || method === "DELETE" ? url.search.slice(1) : body,
      );
      const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
      opts.onRequest?.({
        method,
        path: url.pathname,
        params,
        idempotencyKey,
        stripeVersion: (req.headers["stripe-version"] as string | undefined) ?? null,
      });
      const exec = () => route(method, url.pathname, params, opts);
      const result =
        method === "POST" && idempotencyKey
          ? await idempotent(
              idempotencyKey,
              `${method} ${url.pathname} ${JSON.stringify(params)}`,
              exec,
            )
          : await exec();
      send(res, 200, result);
    } catch (error) {
      if (error instanceof TestModeError) return send(res, error.status, error.toBody());
      if (error instanceof Error && error.name === "ZodError")
        return send(res, 400, new TestModeError(400, "Invalid request parameters.").toBody());
      console.error("[stripe test mode]", error);
      send(res, 500, { error: { type: "api_error", message: "Test-mode server error." } });
    }
  });
}

/** Starts the server; resolves with the port it listens on (pass 0 for any free port). */
export function listen(server: http.Server, port: number, host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
