// The Stripe test tool's HTTP server: the Stripe API under /v1 (for the SDK), the hosted checkout
// and portal pages under /billing (for the browser, as checkout.stripe.com serves Stripe's), and
// /health. Events go out through `deliver`; the caller decides where (the app's webhook, or a test).
import http from "node:http";
import { answerApi } from "./api";
import { parseStripeForm, type FormObject } from "./form";
import { checkoutAction, checkoutPage, portalAction, portalPage, type PageResult } from "./pages";
import { TestModeError, type StripeObject } from "./store";
import { html, page } from "./html";

export type RecordedRequest = {
  method: string;
  path: string;
  params: FormObject;
  idempotencyKey: string | null;
  stripeVersion: string | null;
};

export type TestServerOptions = {
  /** This tool's origin as browsers reach it; by default the Host the request came to. */
  publicUrl?: string;
  priceLookupKey: string;
  /** Called for every authenticated API request (integration tests record them). */
  onRequest?: (req: RecordedRequest) => void;
  /** Sends events to the webhook endpoint; pages wait for it before redirecting. */
  deliver: (events: StripeObject[]) => Promise<void>;
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

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    "content-type": "application/json",
    "request-id": `req_test_${Date.now()}`,
  });
  res.end(JSON.stringify(body));
}

function sendPage(res: http.ServerResponse, result: PageResult) {
  // "same-origin", not "no-referrer": under no-referrer browsers send `Origin: null` with the
  // pages' own form posts, and the origin check below could not tell them from a foreign post.
  const security = { "x-frame-options": "DENY", "referrer-policy": "same-origin" };
  if (result.kind === "redirect") {
    res.writeHead(303, { location: result.location, ...security });
    return res.end();
  }
  res.writeHead(result.status, { "content-type": "text/html; charset=utf-8", ...security });
  res.end(result.body);
}

/** A browser gets the reason as a page (an expired session, a post from elsewhere), not JSON. */
function errorPage(error: unknown): PageResult {
  if (!(error instanceof TestModeError)) throw error;
  return {
    kind: "html",
    status: error.status,
    body: page(
      "Stripe test mode",
      html`<div class="card"><p role="alert">${error.message}</p></div>`,
    ),
  };
}

// Only Stripe test keys are accepted; anything else is refused as Stripe refuses a wrong key.
const isTestKey = (auth: string | undefined) => /^Bearer (sk|rk)_test_\w+$/.test(auth ?? "");

async function handlePage(
  req: http.IncomingMessage,
  url: URL,
  origin: string,
  opts: TestServerOptions,
) {
  const [, , kind, id, what] = url.pathname.split("/"); // "", "billing", kind, id, action
  if (!id) return null;
  if (req.method === "POST") {
    // Form posts must come from the tool's own pages (no cross-site form submissions).
    const from = req.headers.origin;
    if (from && from !== origin) throw new TestModeError(403, "Cross-origin form post refused.");
    const form = parseStripeForm(await readBody(req));
    if (kind === "test-checkout" && (what === "pay" || what === "cancel"))
      return checkoutAction(id, what, opts.deliver);
    if (kind === "test-portal" && what === "change")
      return portalAction(
        id,
        { subscription: String(form.subscription ?? ""), change: String(form.change ?? "") },
        opts.deliver,
      );
    return null;
  }
  if (req.method !== "GET" || what) return null;
  if (kind === "test-checkout") return checkoutPage(id);
  if (kind === "test-portal")
    return portalPage(id, {
      confirm: url.searchParams.get("confirm"),
      done: url.searchParams.get("done"),
    });
  return null;
}

export function createTestModeServer(opts: TestServerOptions): http.Server {
  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const origin = opts.publicUrl ?? `http://${req.headers.host ?? "127.0.0.1"}`;
      if (url.pathname === "/health") return send(res, 200, { ok: true });
      if (url.pathname.startsWith("/billing/")) {
        const result = await handlePage(req, url, origin, opts).catch(errorPage);
        return sendPage(res, result ?? errorPage(new TestModeError(404, "Not found")));
      }
      if (!isTestKey(req.headers.authorization))
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
      const result = await answerApi(
        { method, path: url.pathname, params, idempotencyKey },
        {
          publicUrl: origin,
          priceLookupKey: opts.priceLookupKey,
          onEvents: (events) => void opts.deliver(events).catch(() => undefined),
        },
      );
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
