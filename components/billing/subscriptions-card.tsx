// Developers → API keys: the team's subscriptions (billing history) with Manage billing.
import { CreditCard } from "lucide-react";
import { StaticTable } from "@/components/data-table/static-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getSubscriptionState } from "@/lib/billing/state";
import { billingMode } from "@/lib/billing/stripe";
import { formatDate } from "@/lib/format";
import { getDashboardContext } from "@/lib/teams/context";
import { ManageBillingButton } from "./manage-billing-button";
import { SubscriptionStatusBadge, subscriptionOutlook } from "./subscription-status";

export async function SubscriptionsCard() {
  const { team, can } = await getDashboardContext("/developers/api-keys");
  const state = await getSubscriptionState(team.id);
  const tz = team.timeZone;
  const date = (d: Date | null) => (d ? formatDate(d, tz) : "—");
  const mode = billingMode();
  return (
    <Card aria-labelledby="subscriptions-title" className="mt-6">
      <CardHeader
        title={<span id="subscriptions-title">Subscriptions</span>}
        description={
          <>
            Each paid subscription comes with one CI API key, which expires with the subscription.
            {mode === "test" ? " Test mode — no real charges." : null}
          </>
        }
        actions={
          can("admin") && state.hasBillingAccount ? <ManageBillingButton teamId={team.id} /> : null
        }
      />
      <CardBody>
        {state.subscriptions.length === 0 ? (
          <EmptyState
            icon={<CreditCard className="size-8" aria-hidden />}
            title="No subscriptions yet"
            action={can("admin") ? <ButtonLink href="/pricing">See plans</ButtonLink> : null}
          >
            {state.trialEligible
              ? "Start a 30-day free trial on Pricing to get your first CI API key."
              : "Subscribe on Pricing to get a CI API key."}
          </EmptyState>
        ) : (
          <StaticTable
            label="Subscriptions"
            bordered={false}
            rowTestId="subscription-row"
            head={["Subscription", "Status", "Trial ends", "Period ends", "Outlook", "Started"]}
            rows={state.subscriptions.map((sub) => [
              <span key="id" className="font-mono text-xs text-zinc-600">
                …{sub.stripeSubscriptionId.slice(-8)}
              </span>,
              <SubscriptionStatusBadge key="status" sub={sub} />,
              <span key="trial" data-testid="trial-end">
                {date(sub.trialEnd)}
              </span>,
              <span key="period" data-testid="period-end">
                {date(sub.currentPeriodEnd)}
              </span>,
              <span key="outlook" data-testid="outlook">
                {subscriptionOutlook(sub, tz)}
              </span>,
              <span key="started" className="text-zinc-600">
                {date(sub.createdAt)}
              </span>,
            ])}
          />
        )}
      </CardBody>
    </Card>
  );
}
