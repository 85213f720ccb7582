// Webhook endpoints, deliveries and the signing secret's state as the REST API shows them:
// snake_case, ISO dates, parsed on the way out so no other column can reach a response.
import { z } from "zod";
import { SUBSCRIBABLE_EVENT_TYPES } from "./events";
import type { DeliveryRow } from "./deliveries";
import type { EndpointPatch } from "./endpoints";

const date = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const endpointOut = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  event_types: z.array(z.string()),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  failing_since: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function endpointToJson(e: {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}): z.infer<typeof endpointOut> {
  return endpointOut.parse({
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    failing_since: date(e.failingSince),
    created_at: date(e.createdAt),
    updated_at: date(e.updatedAt),
  });
}

const eventTypeEnum = z.enum(SUBSCRIBABLE_EVENT_TYPES as [string, ...string[]]);

export const endpointBody = z
  .object({
    url: z.string().max(4096),
    description: z.string().max(500).optional(),
    event_types: z.array(eventTypeEnum).min(1).max(SUBSCRIBABLE_EVENT_TYPES.length),
    enabled: z.boolean().optional(),
  })
  .strict();
export const endpointPatchBody = endpointBody.partial().strict();

export function endpointFromJson(body: z.infer<typeof endpointPatchBody>): EndpointPatch {
  return {
    url: body.url,
    description: body.description,
    eventTypes: body.event_types,
    enabled: body.enabled,
  };
}

export const attemptOut = z.object({
  attempt: z.number(),
  status_code: z.number().nullable(),
  latency_ms: z.number(),
  response_body: z.string().nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
});

export const deliveryOut = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.array(attemptOut),
  next_attempt_at: z.string().nullable(),
  delivered_at: z.string().nullable(),
  created_at: z.string(),
});

export function deliveryToJson(d: DeliveryRow): z.infer<typeof deliveryOut> {
  return deliveryOut.parse({
    id: d.id,
    event_id: d.event.id,
    event_type: d.event.type,
    status: d.status,
    attempts: d.attemptsLog.map((a) => ({
      attempt: a.attempt,
      status_code: a.statusCode,
      latency_ms: a.latencyMs,
      response_body: a.responseBody,
      error: a.error,
      created_at: date(a.createdAt),
    })),
    next_attempt_at: d.status === "pending" ? date(d.nextAttemptAt) : null,
    delivered_at: date(d.deliveredAt),
    created_at: date(d.createdAt),
  });
}

export const signingSecretOut = z.object({
  created_at: z.string(),
  previous: z
    .object({
      created_at: z.string(),
      state: z.enum(["active", "revoked"]),
      revoked_at: z.string().nullable(),
      auto_revokes_at: z.string().nullable(),
    })
    .nullable(),
});

export function signingSecretToJson(info: {
  createdAt: Date;
  previous: null | { createdAt: Date; state: "active" | "revoked"; until: Date };
}): z.infer<typeof signingSecretOut> {
  const p = info.previous;
  return signingSecretOut.parse({
    created_at: date(info.createdAt),
    previous: p
      ? {
          created_at: date(p.createdAt),
          state: p.state,
          revoked_at: p.state === "revoked" ? date(p.until) : null,
          auto_revokes_at: p.state === "active" ? date(p.until) : null,
        }
      : null,
  });
}
