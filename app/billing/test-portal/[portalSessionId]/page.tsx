import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { billingMode } from "@/lib/billing/stripe";
import { loadTestPortal } from "@/lib/billing/test-mode/pages";
import { TestPortal } from "./test-portal";

export const metadata: Metadata = { title: "Billing portal (test mode)" };

export default async function TestPortalPage({
  params,
}: {
  params: Promise<{ portalSessionId: string }>;
}) {
  if (billingMode() !== "test") notFound();
  const { portalSessionId } = await params;
  const user = await requireUser(`/billing/test-portal/${encodeURIComponent(portalSessionId)}`);
  const portal = await loadTestPortal(portalSessionId, user.id);
  if (!portal) notFound();
  return <TestPortal portal={portal} />;
}
