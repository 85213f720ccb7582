// The Stripe test tool's "Stripe": the operations its API answers — customers, the price,
// checkout and portal sessions, reads. Pay/Cancel live in checkout-flow.ts, portal and clock
// changes in subscription-changes.ts, subscriptions created through the API (the demo seed) in
// create-subscription.ts; those return the events Stripe would send, and the caller delivers them
// (deliver.ts). Hosted pages (checkout, portal) are served by this tool at `publicUrl`.
import { z } from "zod";
import { priceObjects, unix, type TestSubscription } from "./objects";
import {
  getObject,
  listObjects,
  newId,
  putObject,
  TestModeError,
  type StripeObject,
} from "./store";

const CHECKOUT_LIFETIME_SECONDS = 24 * 3600;
const PORTAL_LIFETIME_SECONDS = 3600;

const metadataSchema = z.record(z.string(), z.string().max(500)).default({});

export async function createCustomer(params: Record<string, unknown>, now = new Date()) {
  const input = z
    .object({
      name: z.string().max(256).optional(),
      email: z.string().optional(),
      metadata: metadataSchema,
    })
    .parse(params);
  const customer: StripeObject = {
    id: newId("cus"),
    object: "customer",
    name: input.name ?? null,
    email: input.email ?? null,
    metadata: input.metadata,
    created: unix(now),
    livemode: false,
  };
  await putObject(customer, customer.id);
  return customer;
}

export async function ensurePrice(lookupKey: string, now = new Date()) {
  const { product, price } = priceObjects(lookupKey, now);
  const existing = await getObject(price.id, "price");
  if (existing) return existing;
  await putObject(product, null);
  await putObject(price, null);
  return price;
}

const checkoutSchema = z.object({
  mode: z.literal("subscription", { error: "Test mode supports mode=subscription only." }),
  customer: z.string().min(1, "customer is required"),
  client_reference_id: z.string().max(200).optional(),
  metadata: metadataSchema,
  line_items: z
    .array(z.object({ price: z.string().min(1), quantity: z.coerce.number().int().min(1).max(1) }))
    .length(1, "Test mode sells exactly one line item."),
  subscription_data: z
    .object({
      trial_period_days: z.coerce.number().int().min(1).max(730).optional(),
      metadata: metadataSchema,
    })
    .default({ metadata: {} }),
  success_url: z.url(),
  cancel_url: z.url(),
});

export type TestCheckoutSession = StripeObject & {
  status: "open" | "complete" | "expired";
  customer: string;
  client_reference_id: string | null;
  subscription: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  amount_total: number;
  /** What the session sells; kept out of API responses (see publicView). */
  _internal: {
    price: string;
    trialDays: number | null;
    subscriptionMetadata: Record<string, string>;
  };
};

export async function createCheckoutSession(
  params: Record<string, unknown>,
  publicUrl: string,
  now = new Date(),
) {
  const parsed = checkoutSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TestModeError(
      400,
      issue?.message ?? "Invalid request",
      undefined,
      issue?.path.join("."),
    );
  }
  const input = parsed.data;
  if (!(await getObject(input.customer, "customer")))
    throw new TestModeError(
      400,
      `No such customer: '${input.customer}'`,
      "resource_missing",
      "customer",
    );
  const price = await getObject(input.line_items[0]?.price ?? "", "price");
  if (!price)
    throw new TestModeError(400, "No such price", "resource_missing", "line_items[0][price]");
  const trialDays = input.subscription_data.trial_period_days ?? null;
  const id = newId("cs_test");
  const session: TestCheckoutSession = {
    id,
    object: "checkout.session",
    mode: "subscription",
    status: "open",
    payment_status: "unpaid",
    customer: input.customer,
    client_reference_id: input.client_reference_id ?? null,
    metadata: input.metadata,
    subscription: null,
    success_url: input.success_url,
    cancel_url: input.cancel_url,
    url: `${publicUrl}/billing/test-checkout/${id}`,
    created: unix(now),
    expires_at: unix(now) + CHECKOUT_LIFETIME_SECONDS,
    amount_total: trialDays ? 0 : Number(price.unit_amount),
    currency: price.currency,
    livemode: false,
    _internal: {
      price: price.id,
      trialDays,
      subscriptionMetadata: input.subscription_data.metadata,
    },
  };
  await putObject(session, input.customer);
  return session;
}

export async function createPortalSession(
  params: Record<string, unknown>,
  publicUrl: string,
  now = new Date(),
) {
  const input = z
    .object({ customer: z.string().min(1), return_url: z.url().optional() })
    .parse(params);
  if (!(await getObject(input.customer, "customer")))
    throw new TestModeError(
      400,
      `No such customer: '${input.customer}'`,
      "resource_missing",
      "customer",
    );
  const id = newId("bps");
  const session: StripeObject = {
    id,
    object: "billing_portal.session",
    customer: input.customer,
    return_url: input.return_url ?? null,
    url: `${publicUrl}/billing/test-portal/${id}`,
    created: unix(now),
    expires_at: unix(now) + PORTAL_LIFETIME_SECONDS,
    livemode: false,
  };
  await putObject(session, input.customer);
  return session;
}

/** A checkout session's success URL with Stripe's {CHECKOUT_SESSION_ID} template filled in. */
export function successUrl(session: TestCheckoutSession) {
  return session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);
}

export async function retrieve(type: string, id: string) {
  const obj = await getObject(id, type);
  if (!obj)
    throw new TestModeError(
      404,
      `No such ${type.replace(/^.*\./, "")}: '${id}'`,
      "resource_missing",
      "id",
    );
  return obj;
}

export async function listSubscriptions(customerId: string) {
  return listObjects<TestSubscription>("subscription", { customerId });
}

/** Drops fields that are internal to the test mode (prefixed with "_"). */
export function publicView<T extends StripeObject>(obj: T): StripeObject {
  return Object.fromEntries(
    Object.entries(obj).filter(([k]) => !k.startsWith("_")),
  ) as StripeObject;
}
