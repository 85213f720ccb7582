import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { billingMode } from "@/lib/billing/stripe";
import { loadTestCheckout } from "@/lib/billing/test-mode/pages";
import { TestCheckout } from "./test-checkout";

export const metadata: Metadata = { title: "Checkout (test mode)" };

export default async function TestCheckoutPage({
  params,
}: {
  params: Promise<{ sessionId: string }>;
}) {
  if (billingMode() !== "test") notFound();
  const { sessionId } = await params;
  const user = await requireUser(`/billing/test-checkout/${encodeURIComponent(sessionId)}`);
  const checkout = await loadTestCheckout(sessionId, user.id);
  if (!checkout) notFound();
  return <TestCheckout checkout={checkout} />;
}
