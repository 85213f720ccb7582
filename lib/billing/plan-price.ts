// The paid plan's price for display on Pricing, read from Stripe by its lookup key and kept for a
// few minutes so Pricing does not call Stripe on every view.
import { connection } from "next/server";
import { logger } from "@/lib/log";
import { findPlanPrice, type PlanPrice } from "./checkout";
import { getStripe, requireBilling } from "./stripe";

const TTL_MS = 5 * 60_000;
let cached: { at: number; price: PlanPrice } | undefined;

export async function getPlanPriceForDisplay(): Promise<PlanPrice | null> {
  // Read per request, never while `next build` prerenders.
  await connection();
  if (cached && Date.now() - cached.at < TTL_MS) return cached.price;
  try {
    const price = await findPlanPrice(getStripe(), requireBilling().priceLookupKey);
    cached = { at: Date.now(), price };
    return price;
  } catch (error) {
    logger.warn({ err: error }, "could not read the plan price from Stripe");
    return null;
  }
}

export function formatPrice(price: PlanPrice): string {
  const amount = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: price.currency.toUpperCase(),
    minimumFractionDigits: (price.unitAmount ?? 0) % 100 === 0 ? 0 : 2,
  }).format((price.unitAmount ?? 0) / 100);
  return `${amount} / ${price.interval}`;
}
