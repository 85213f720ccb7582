// /api/v1/webhook-endpoints[/{id}[/test|/deliveries]] and /api/v1/signing-secret[/rotate|
// /revoke-previous] — the token's team's webhook endpoints, their delivery log, and the signing
// secret (metadata; the new secret once, on rotate). Another team's endpoint answers 403.
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { assertOwnedBy } from "@/lib/api/ownership";
import { requestMetaFrom } from "@/lib/audit/request-meta";
import { ROUTE_SCOPES } from "@/lib/credentials/api-clients/scopes";
import {
  getSigningSecretInfo,
  revokePreviousSigningSecret,
  rotateSigningSecret,
} from "@/lib/credentials/signing-secret/manage-secret";
import { notFound } from "@/lib/errors";
import { bearerAuth } from "@/lib/http/bearer-auth";
import type { MachineEnv } from "@/lib/http/machine-env";
import { jsonBody } from "@/lib/http/json-body";
import {
  dataOf,
  errorResponses,
  IdParams,
  jsonContent,
  jsonRequestBody,
  named,
  pageOf,
  scopeSecurity,
} from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";
import {
  deliveryOut,
  deliveryToJson,
  endpointBody,
  endpointFromJson,
  endpointOut,
  endpointPatchBody,
  endpointToJson,
  signingSecretOut,
  signingSecretToJson,
} from "@/lib/webhooks/api";
import { listDeliveries, sendTestEvent } from "@/lib/webhooks/deliveries";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  updateEndpoint,
} from "@/lib/webhooks/endpoints";

const BODY_MAX_BYTES = 16 * 1024;
const EndpointSchema = named(endpointOut, "WebhookEndpoint");
const DeliverySchema = named(deliveryOut, "WebhookDelivery");
const SigningSecretSchema = named(signingSecretOut, "SigningSecret");

const ENDPOINT_EXAMPLE = {
  id: "cm9x2k1q80006abcd1234efgh",
  url: "https://hooks.example.com/signal-diff",
  description: "Production alerts",
  event_types: ["run.failed", "ci_key.expiring"],
  enabled: true,
  disabled_reason: null,
  failing_since: null,
  created_at: "2026-11-01T09:30:00.000Z",
  updated_at: "2026-11-01T09:30:00.000Z",
};
const DELIVERY_EXAMPLE = {
  id: "wd4f1c2b3a4d5e6f708192a3b4c5d6e7f8",
  event_id: "msg_2b7Kq9xY1mN4pR8sT0uV3wZ6",
  event_type: "run.failed",
  status: "pending",
  attempts: [
    {
      attempt: 1,
      status_code: 503,
      latency_ms: 84,
      response_body: "Service Unavailable",
      error: "Answered 503.",
      created_at: "2026-12-01T06:00:09.000Z",
    },
  ],
  next_attempt_at: "2026-12-01T06:00:14.000Z",
  delivered_at: null,
  created_at: "2026-12-01T06:00:09.000Z",
};
const SECRET_EXAMPLE = {
  created_at: "2026-12-01T06:00:00.000Z",
  previous: {
    created_at: "2026-10-01T08:00:00.000Z",
    state: "active",
    revoked_at: null,
    auto_revokes_at: "2026-12-08T06:00:00.000Z",
  },
};

const scoped = (key: keyof typeof ROUTE_SCOPES) => ({
  security: scopeSecurity(ROUTE_SCOPES[key]),
  auth: bearerAuth(ROUTE_SCOPES[key]),
});

function route<const M extends "get" | "post" | "patch" | "delete", const P extends string>(
  method: M,
  path: P,
  key: keyof typeof ROUTE_SCOPES,
  summary: string,
) {
  const s = scoped(key);
  return { method, path, tags: ["Webhooks"], summary, security: s.security, auth: s.auth };
}

const list = route(
  "get",
  "/api/v1/webhook-endpoints",
  "GET /api/v1/webhook-endpoints",
  "List webhook endpoints",
);
export const listEndpointsRoute = createRoute({
  ...list,
  middleware: [list.auth] as const,
  responses: {
    200: jsonContent(pageOf(EndpointSchema), "The team's endpoints.", {
      data: [ENDPOINT_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(401, 403),
  },
});

const create = route(
  "post",
  "/api/v1/webhook-endpoints",
  "POST /api/v1/webhook-endpoints",
  "Create a webhook endpoint",
);
export const createEndpointRoute = createRoute({
  ...create,
  middleware: [create.auth, jsonBody(BODY_MAX_BYTES)] as const,
  request: {
    body: jsonRequestBody(endpointBody, {
      url: ENDPOINT_EXAMPLE.url,
      description: ENDPOINT_EXAMPLE.description,
      event_types: ENDPOINT_EXAMPLE.event_types,
    }),
  },
  responses: {
    201: jsonContent(dataOf(EndpointSchema), "The new endpoint.", { data: ENDPOINT_EXAMPLE }),
    ...errorResponses(400, 401, 403, 413, 415),
  },
});

const read = route(
  "get",
  "/api/v1/webhook-endpoints/{id}",
  "GET /api/v1/webhook-endpoints/{id}",
  "One webhook endpoint",
);
export const getEndpointRoute = createRoute({
  ...read,
  middleware: [read.auth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(dataOf(EndpointSchema), "The endpoint.", { data: ENDPOINT_EXAMPLE }),
    ...errorResponses(400, 401, 403, 404),
  },
});

const patch = route(
  "patch",
  "/api/v1/webhook-endpoints/{id}",
  "PATCH /api/v1/webhook-endpoints/{id}",
  "Change a webhook endpoint (only the fields sent)",
);
export const patchEndpointRoute = createRoute({
  ...patch,
  middleware: [patch.auth, jsonBody(BODY_MAX_BYTES)] as const,
  request: { params: IdParams, body: jsonRequestBody(endpointPatchBody, { enabled: false }) },
  responses: {
    200: jsonContent(dataOf(EndpointSchema), "The updated endpoint.", { data: ENDPOINT_EXAMPLE }),
    ...errorResponses(400, 401, 403, 404, 413, 415),
  },
});

const remove = route(
  "delete",
  "/api/v1/webhook-endpoints/{id}",
  "DELETE /api/v1/webhook-endpoints/{id}",
  "Delete a webhook endpoint and its delivery log",
);
export const deleteEndpointRoute = createRoute({
  ...remove,
  middleware: [remove.auth] as const,
  request: { params: IdParams },
  responses: {
    200: jsonContent(
      dataOf(z.object({ id: z.string(), deleted: z.boolean() })),
      "The endpoint is deleted.",
      { data: { id: ENDPOINT_EXAMPLE.id, deleted: true } },
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});

const test = route(
  "post",
  "/api/v1/webhook-endpoints/{id}/test",
  "POST /api/v1/webhook-endpoints/{id}/test",
  "Send a webhook.test event to the endpoint",
);
export const testEndpointRoute = createRoute({
  ...test,
  middleware: [test.auth] as const,
  request: { params: IdParams },
  responses: {
    202: jsonContent(
      dataOf(z.object({ event_id: z.string().nullable(), deliveries: z.number() })),
      "The test event is queued for delivery.",
      { data: { event_id: DELIVERY_EXAMPLE.event_id, deliveries: 1 } },
    ),
    ...errorResponses(400, 401, 403, 404, 429),
  },
});

const deliveries = route(
  "get",
  "/api/v1/webhook-endpoints/{id}/deliveries",
  "GET /api/v1/webhook-endpoints/{id}/deliveries",
  "The endpoint's delivery log (newest first, cursor pages)",
);
export const listDeliveriesRoute = createRoute({
  ...deliveries,
  middleware: [deliveries.auth] as const,
  request: {
    params: IdParams,
    query: z
      .object({
        limit: z.coerce.number().int().min(1).max(100).default(25),
        cursor: z.string().min(1).max(64).optional(),
      })
      .strict(),
  },
  responses: {
    200: jsonContent(pageOf(DeliverySchema), "One page of deliveries with every attempt.", {
      data: [DELIVERY_EXAMPLE],
      next_cursor: null,
    }),
    ...errorResponses(400, 401, 403, 404),
  },
});

const secret = route(
  "get",
  "/api/v1/signing-secret",
  "GET /api/v1/signing-secret",
  "The signing secret's state (never the secret)",
);
export const getSecretRoute = createRoute({
  ...secret,
  middleware: [secret.auth] as const,
  responses: {
    200: jsonContent(dataOf(SigningSecretSchema), "Metadata of the current and previous secret.", {
      data: SECRET_EXAMPLE,
    }),
    ...errorResponses(401, 403),
  },
});

const rotate = route(
  "post",
  "/api/v1/signing-secret/rotate",
  "POST /api/v1/signing-secret/rotate",
  "Rotate the signing secret (returns the new secret once)",
);
export const rotateSecretRoute = createRoute({
  ...rotate,
  description:
    "Deliveries are signed with the new secret at once and also with the previous one for 7 days or until POST /api/v1/signing-secret/revoke-previous. Rate-limited like CI key rotation (429 with Retry-After).",
  middleware: [rotate.auth, jsonBody(BODY_MAX_BYTES)] as const,
  request: {
    body: jsonRequestBody(z.object({ confirm: z.literal("ROTATE") }).strict(), {
      confirm: "ROTATE",
    }),
  },
  responses: {
    200: jsonContent(
      dataOf(z.object({ secret: z.string(), previous_expires_at: z.string() })),
      "The new secret — shown this once.",
      {
        data: {
          secret: "whsec_EXAMPLE_not_a_real_secret",
          previous_expires_at: "2026-12-08T06:00:00.000Z",
        },
      },
    ),
    ...errorResponses(400, 401, 403, 413, 415, 429),
  },
});

const revoke = route(
  "post",
  "/api/v1/signing-secret/revoke-previous",
  "POST /api/v1/signing-secret/revoke-previous",
  "Stop signing with the previous secret now",
);
export const revokePreviousRoute = createRoute({
  ...revoke,
  middleware: [revoke.auth] as const,
  responses: {
    200: jsonContent(dataOf(SigningSecretSchema), "The secret's state after the revocation.", {
      data: { ...SECRET_EXAMPLE, previous: { ...SECRET_EXAMPLE.previous, state: "revoked" } },
    }),
    ...errorResponses(401, 403, 409),
  },
});

/** An API client acts with the rights of an admin (its `full` scope was checked already). */
function apiActor(c: Context<MachineEnv>) {
  return {
    teamId: c.get("bearer").teamId,
    actor: { label: `API client ${c.get("bearer").clientId}`, role: "admin" as const },
    request: requestMetaFrom(c.req.raw.headers),
  };
}

export function registerWebhookRoutes(app: MachineApp) {
  app.openapi(listEndpointsRoute, async (c) => {
    const rows = await listEndpoints(c.get("bearer").teamId);
    return c.json({ data: rows.map(endpointToJson), next_cursor: null }, 200);
  });
  app.openapi(createEndpointRoute, async (c) => {
    const who = apiActor(c);
    const body = endpointFromJson(c.req.valid("json"));
    const created = await createEndpoint(who, {
      ...body,
      url: body.url ?? "",
      eventTypes: body.eventTypes ?? [],
    });
    return c.json({ data: endpointToJson(created) }, 201);
  });
  app.openapi(getEndpointRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(teamId, "webhook_endpoint", id);
    const endpoint = await getEndpoint(teamId, id);
    if (!endpoint) throw notFound("Webhook endpoint not found.");
    return c.json({ data: endpointToJson(endpoint) }, 200);
  });
  app.openapi(patchEndpointRoute, async (c) => {
    const who = apiActor(c);
    const { id } = c.req.valid("param");
    await assertOwnedBy(who.teamId, "webhook_endpoint", id);
    const updated = await updateEndpoint(who, id, endpointFromJson(c.req.valid("json")));
    return c.json({ data: endpointToJson(updated) }, 200);
  });
  app.openapi(deleteEndpointRoute, async (c) => {
    const who = apiActor(c);
    const { id } = c.req.valid("param");
    await assertOwnedBy(who.teamId, "webhook_endpoint", id);
    return c.json({ data: await deleteEndpoint(who, id) }, 200);
  });
  app.openapi(testEndpointRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(teamId, "webhook_endpoint", id);
    const sent = await sendTestEvent(teamId, id);
    return c.json({ data: { event_id: sent.eventId, deliveries: sent.deliveries } }, 202);
  });
  app.openapi(listDeliveriesRoute, async (c) => {
    const { teamId } = c.get("bearer");
    const { id } = c.req.valid("param");
    await assertOwnedBy(teamId, "webhook_endpoint", id);
    const query = c.req.valid("query");
    const page = await listDeliveries(teamId, id, query);
    return c.json({ data: page.items.map(deliveryToJson), next_cursor: page.nextCursor }, 200);
  });
  app.openapi(getSecretRoute, async (c) =>
    c.json({ data: signingSecretToJson(await getSigningSecretInfo(c.get("bearer").teamId)) }, 200),
  );
  app.openapi(rotateSecretRoute, async (c) => {
    const rotated = await rotateSigningSecret({
      ...apiActor(c),
      confirm: c.req.valid("json").confirm,
    });
    return c.json(
      {
        data: {
          secret: rotated.secret,
          previous_expires_at: rotated.previousExpiresAt.toISOString(),
        },
      },
      200,
    );
  });
  app.openapi(revokePreviousRoute, async (c) =>
    c.json({ data: signingSecretToJson(await revokePreviousSigningSecret(apiActor(c))) }, 200),
  );
}
