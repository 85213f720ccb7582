import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { SubscriptionsCard } from "@/components/billing/subscriptions-card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "API keys" };

export default function ApiKeysPage() {
  return (
    <>
      <PageHeader
        title="API keys"
        description="CI API keys trigger runs from your pipelines and authorise the Agent API."
      />
      <EmptyState
        icon={<KeyRound className="size-8" aria-hidden />}
        title="No CI API keys"
        action={<ButtonLink href="/pricing">See plans</ButtonLink>}
      >
        A CI API key comes with a paid plan bought from Pricing. Its secret is shown exactly once,
        right after checkout.
      </EmptyState>
      <SubscriptionsCard />
    </>
  );
}
