// fast-check arbitraries for fuzzing the machine API (lib/machine-api/fuzz.test.ts): requests to
// the app's own operations with hostile paths, queries, headers, credentials and bodies. Field
// names come from the OpenAPI document, so a new field or route is fuzzed without edits here.
import fc from "fast-check";
import Stripe from "stripe";

export type Operation = { method: string; path: string };

type Doc = { paths?: Record<string, unknown>; components?: Record<string, unknown> };

export type FuzzContext = {
  operations: Operation[];
  document: Doc;
  /** Real ids: this team's and another team's sites and runs. */
  ids: string[];
  ciKeys: string[];
  bearers: string[];
  clientCredentials: { id: string; secret: string };
  webhookSecret: string;
};

export type FuzzRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
};

/** Every property and parameter name anywhere in the document. */
export function fieldNames(doc: Doc): string[] {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === "object") {
      for (const k of Object.keys(o.properties)) names.add(k);
    }
    if (typeof o.name === "string" && typeof o.in === "string") names.add(o.name);
    Object.values(o).forEach(walk);
  };
  walk(doc);
  return [...names].sort();
}

/** Raw (already encoded) path segments that break decoders, routers and id lookups. */
const HOSTILE_SEGMENTS = [
  "%ZZ",
  "%",
  "%00",
  "a%00b",
  "..",
  "%2e%2e",
  "..%2F..%2Fetc%2Fpasswd",
  "%E0%A4%A",
  "%C0%AF",
  "%F0%9F%92%A9",
  "%EF%BF%BF",
  "%ED%A0%80",
  "1e309",
  "-1",
  "99999999999999999999999",
  "null",
  "%5B%5D",
  "x".repeat(5000),
  "%20",
  "%0A",
];

/** Markers replaced by raw JSON number literals after JSON.stringify (overflow numbers). */
const RAW_NUMBERS = ["1e400", "-1e400", "99999999999999999999999999", "1.7976931348623157e309"];

const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "\udfff\ud800",
    "\u202e\u200b",
    "../../etc/passwd",
    "x".repeat(100_000),
    "😀".repeat(20_000),
    "http://127.0.0.1:9/",
    "https://x.test/",
    "http://[::127.0.0.1]/",
    "javascript:alert(1)",
    "client_credentials",
    "read full",
    "queued",
    "completed",
    "%ZZ",
    "",
    " ",
  ),
);

const nastyNumber = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    -0,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...RAW_NUMBERS.map((_, i) => `\u0001RAW${i}`)),
);

function valueArb(ctx: FuzzContext) {
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      nastyString,
      nastyNumber,
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(...ctx.ids),
      fc.array(tie("tree"), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie("tree"), { maxKeys: 4 }),
    ),
  }));
  return tree;
}

/** JSON text with the raw number markers turned into literal overflow numbers. */
function toJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /"\\u0001RAW(\d)"/g,
    (_, i: string) => RAW_NUMBERS[Number(i)] ?? "0",
  );
}

const MALFORMED_JSON = [
  "{",
  '{"a":',
  "[",
  "nul",
  '{"site_id":"\\u0000"}',
  '{"site_id":"\\ud800"}',
  '{"a":1,"a":2}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{}}}',
  "[".repeat(10_000),
  '"just a string"',
  "1e400",
  "\ufeff{}",
  "",
];

const CONTENT_TYPES = [
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=FuzzBoundary",
  "multipart/form-data",
  "application/xml",
  "*/*",
  "a/b/c;;;=",
  "application/merge-patch+json",
];

function multipart(fields: [string, string][]): string {
  const parts = fields.map(
    ([name, value]) =>
      `--FuzzBoundary\r\nContent-Disposition: form-data; name="${name}"; filename="${name}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n${value}\r\n`,
  );
  return `${parts.join("")}--FuzzBoundary--\r\n`;
}

type Media = { type: string; example: Record<string, unknown> };

/** The documented request body example of an operation ("/api/v1/sites/:id"), if it has one. */
export function exampleOf(doc: Doc, op: Operation): Media | undefined {
  const docPath = op.path.replace(/:([A-Za-z]+)/g, "{$1}");
  const operation = (doc.paths?.[docPath] as Record<string, unknown> | undefined)?.[
    op.method.toLowerCase()
  ] as { requestBody?: { content?: Record<string, { example?: unknown }> } } | undefined;
  for (const [type, media] of Object.entries(operation?.requestBody?.content ?? {})) {
    const example = media.example;
    if (example && typeof example === "object" && !Array.isArray(example)) {
      return { type, example: example as Record<string, unknown> };
    }
  }
  return undefined;
}

/**
 * The documented example with each field kept, dropped or replaced by a hostile value (real ids
 * and the real client credentials among them), so requests get past parsing into validation,
 * authorisation and the domain code.
 */
function mutatedExample(ctx: FuzzContext, media: Media) {
  const value = valueArb(ctx);
  const real: Record<string, string> = {
    client_id: ctx.clientCredentials.id,
    client_secret: ctx.clientCredentials.secret,
  };
  const fields = Object.fromEntries(
    Object.entries(media.example).map(([key, example]) => [
      key,
      fc.oneof(
        { weight: 8, arbitrary: fc.constant(real[key] ?? example) },
        { weight: key.endsWith("_id") ? 4 : 0, arbitrary: fc.constantFrom(...ctx.ids) },
        { weight: 1, arbitrary: value },
      ),
    ]),
  );
  return fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.nat(4).map((n) => n > 0),
    )
    .map(([object, asDocumented]) => {
      const form = media.type === "application/x-www-form-urlencoded";
      const text = form
        ? new URLSearchParams(
            Object.entries(object).map(([k, v]) => [k, typeof v === "string" ? v : toJson(v)]),
          ).toString()
        : toJson(object);
      return { text, type: asDocumented ? media.type : undefined };
    });
}

function bodyArb(ctx: FuzzContext) {
  const names = fieldNames(ctx.document);
  const value = valueArb(ctx);
  const fieldObject = fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 });
  const shortText = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...ctx.ids, "\u0000"));
  return fc.oneof(
    { weight: 5, arbitrary: fieldObject.map(toJson) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.array(fieldObject, { maxLength: 3 }).map(toJson) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.constantFrom(...names, "a[]", "a[b]"), shortText), { maxLength: 5 })
        .map((pairs) => new URLSearchParams(pairs).toString()),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(
          fc.tuple(
            fc.constantFrom("../../etc/passwd", "..\\..\\x", "a\u0000b", ...names),
            shortText,
          ),
          { maxLength: 3 },
        )
        .map(multipart),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.constant(`{"name":"${"x".repeat(1_100_000)}"}`) },
  );
}

function requestBodyArb(ctx: FuzzContext, op: Operation) {
  const generic = fc
    .tuple(bodyArb(ctx), fc.constantFrom(...CONTENT_TYPES))
    .map(([text, type]) => ({ text, type }));
  const media = exampleOf(ctx.document, op);
  if (!media) return generic;
  return fc.oneof(
    { weight: 1, arbitrary: generic },
    { weight: 2, arbitrary: mutatedExample(ctx, media) },
  );
}

/** A Stripe event body, signed correctly, forged, stale, from the future, or garbage. */
function stripeArb(ctx: FuzzContext) {
  const signer = new Stripe("sk_test_fuzz_signer_only");
  const now = Math.floor(Date.now() / 1000);
  const event = fc.record({
    id: fc.oneof(fc.constant("evt_fuzz"), fc.string()),
    object: fc.constantFrom("event", "charge", ""),
    type: fc.constantFrom(
      "checkout.session.completed",
      "customer.subscription.updated",
      "customer.subscription.deleted",
      "invoice.paid",
      "charge.dispute.created",
    ),
    data: fc.oneof(fc.constant(null), fc.record({ object: valueArb(ctx) })),
  });
  const payload = fc.oneof(event.map(toJson), fc.constantFrom(...MALFORMED_JSON));
  const sign = (body: string, secret: string, timestamp: number) =>
    signer.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  return fc
    .tuple(
      payload,
      fc.constantFrom("valid", "forged", "stale", "future", "garbage", "missing", "wrong-secret"),
    )
    .map(([body, kind]) => {
      // A valid signature only on events we do not handle and on garbage: a handled event would
      // ask Stripe (absent here) and is rightly retried with a 5xx.
      const handled =
        /"type":"(checkout|customer|invoice)\./.test(body) && body.includes('"event"');
      const k = kind === "valid" && handled ? "forged" : kind;
      const signature: Record<string, string | undefined> = {
        valid: sign(body, ctx.webhookSecret, now),
        forged: "t=1,v1=00",
        stale: sign(body, ctx.webhookSecret, now - 3600),
        future: sign(body, ctx.webhookSecret, now + 365 * 24 * 3600),
        garbage: "v1=;t=abc,,,=",
        missing: undefined,
        "wrong-secret": sign(body, "whsec_wrong", now),
      };
      return { body, signature: signature[k] };
    });
}

function authArb(ctx: FuzzContext): fc.Arbitrary<Record<string, string>> {
  const basic = (id: string, secret: string) =>
    `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
  const w = (weight: number, arbitrary: fc.Arbitrary<Record<string, string>>) => ({
    weight,
    arbitrary,
  });
  return fc.oneof(
    w(1, fc.constant({})),
    w(
      3,
      fc.constantFrom(...ctx.ciKeys).map((k) => ({ "x-ci-api-key": k })),
    ),
    w(
      1,
      fc.constantFrom(...ctx.ciKeys).map((k) => ({ authorization: `Bearer ${k}` })),
    ),
    w(
      4,
      fc.constantFrom(...ctx.bearers).map((t) => ({ authorization: `Bearer ${t}` })),
    ),
    w(
      1,
      fc.constant({
        authorization: basic(ctx.clientCredentials.id, ctx.clientCredentials.secret),
      }),
    ),
    w(
      2,
      fc.constantFrom<Record<string, string>[]>(
        { authorization: basic(ctx.clientCredentials.id, "wrong") },
        { authorization: "Basic %%%" },
        { authorization: "Basic " + "A".repeat(10_000) },
        { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." },
        { authorization: "Bearer " },
        { authorization: `Bearer ${"x".repeat(20_000)}` },
        { "x-ci-api-key": "sck_live_" + "0".repeat(40) },
        { "x-ci-api-key": "" },
        { authorization: "Digest x" },
      ),
    ),
  );
}

function queryArb(ctx: FuzzContext) {
  const names = fieldNames(ctx.document);
  const raw = fc.oneof(
    fc.constantFrom(...HOSTILE_SEGMENTS, ...ctx.ids, "10", "0", "-5", "1e309", "a&b=c", "%"),
    fc.string({ maxLength: 20 }).map(encodeURIComponent),
  );
  return fc
    .array(fc.tuple(fc.constantFrom(...names), raw), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));
}

export function fuzzRequest(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ctx.ids) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }).map(encodeURIComponent),
    },
  );
  const method = (op: Operation) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(op.method) },
      {
        weight: 1,
        arbitrary: fc.constantFrom("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
      },
      { weight: 1, arbitrary: fc.constantFrom("PROPFIND", "FOO", "get") },
    );
  return fc.constantFrom(...ctx.operations).chain((op) =>
    fc
      .record({
        method: method(op),
        id: segment,
        suffix: fc.constantFrom("", "", "", "", "/", "/extra", "%00", "%ZZ", "//"),
        query: queryArb(ctx),
        auth: authArb(ctx),
        body: requestBodyArb(ctx, op),
        stripe: stripeArb(ctx),
      })
      .map((g): FuzzRequest => {
        const path = op.path.replace(/:[A-Za-z]+/g, g.id) + g.suffix;
        const headers: Record<string, string> = { ...g.auth };
        const webhook = op.path === "/api/stripe/webhook";
        let body: string | Uint8Array | undefined = webhook ? g.stripe.body : g.body.text;
        if (webhook && g.stripe.signature) headers["stripe-signature"] = g.stripe.signature;
        if (g.body.type) headers["content-type"] = g.body.type;
        const m = g.method.toUpperCase();
        if (m === "GET" || m === "HEAD") body = undefined;
        return { method: g.method, url: path + g.query, headers, body };
      }),
  );
}
