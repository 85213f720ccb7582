// POST /api/stripe/webhook — Stripe events: verified on the raw body, recorded once, dispatched.
import { createRoute, z } from "@hono/zod-openapi";
import { receiveStripeWebhook } from "@/lib/billing/receive-webhook";
import { getStripe, requireBilling } from "@/lib/billing/stripe";
import { readText } from "@/lib/http/read-body";
import { errorResponses, ErrorSchema } from "@/lib/machine-api/schemas";
import type { MachineApp } from "@/lib/machine-api/types";

/** Stripe's event payloads are far smaller; anything bigger is refused before parsing. */
const MAX_WEBHOOK_BYTES = 512 * 1024;

const ReceivedSchema = z
  .object({
    received: z.literal(true),
    status: z.enum(["processed", "duplicate", "ignored"]),
    reason: z.string().optional(),
  })
  .openapi("WebhookReceived");

export const stripeWebhookRoute = createRoute({
  method: "post",
  path: "/api/stripe/webhook",
  tags: ["Stripe"],
  summary: "Receive a Stripe event (signed with the endpoint's secret)",
  request: {
    headers: z.object({
      "stripe-signature": z.string().optional().openapi({
        description: "Stripe's signature of the raw body (t=…,v1=…).",
        example: "t=1733036400,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
      }),
    }),
    // A plain JSON Schema, not zod: the signature is checked on the raw bytes before any parsing.
    body: {
      required: true,
      content: { "application/json": { schema: { type: "object" as const } } },
    },
  },
  responses: {
    200: {
      description: "The event was recorded (or was a duplicate, or is not handled).",
      content: {
        "application/json": {
          schema: ReceivedSchema,
          example: { received: true, status: "processed" },
        },
      },
    },
    400: {
      description: "Missing or invalid signature, or not a Stripe event",
      content: {
        "application/json": {
          schema: ErrorSchema,
          example: {
            error: {
              code: "invalid_signature",
              message: "The webhook signature is invalid or too old.",
            },
          },
        },
      },
    },
    ...errorResponses(413, 503),
  },
});

export function registerStripeRoutes(app: MachineApp) {
  app.openapi(stripeWebhookRoute, async (c) => {
    const billing = requireBilling();
    const payload = await readText(c.req.raw, MAX_WEBHOOK_BYTES);
    const result = await receiveStripeWebhook({
      payload,
      signature: c.req.header("stripe-signature") ?? null,
      secret: billing.webhookSecret,
      stripe: getStripe(),
    });
    if ("error" in result.body) return c.json(result.body, 400);
    return c.json(result.body, 200);
  });
}
