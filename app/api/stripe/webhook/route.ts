// POST /api/stripe/webhook — Stripe events: verified on the raw body, recorded once, dispatched.
import { getStripe, requireBilling } from "@/lib/billing/stripe";
import { receiveStripeWebhook } from "@/lib/billing/receive-webhook";
import { apiRoute, jsonResponse, readText } from "@/lib/http/handler";

/** Stripe's event payloads are far smaller; anything bigger is refused before parsing. */
const MAX_WEBHOOK_BYTES = 512 * 1024;

export const POST = apiRoute(async (req) => {
  const billing = requireBilling();
  const payload = await readText(req, MAX_WEBHOOK_BYTES);
  const result = await receiveStripeWebhook({
    payload,
    signature: req.headers.get("stripe-signature"),
    secret: billing.webhookSecret,
    stripe: getStripe(),
  });
  return jsonResponse(result.body, { status: result.status });
});
