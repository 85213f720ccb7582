// Developers → API keys: the team's subscriptions (billing history) with Manage billing.
import { CreditCard } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { getSubscriptionHistory } from "@/lib/billing/state";
import { billingMode } from "@/lib/billing/stripe";
import { formatDate } from "@/lib/format";
import { getDashboardContext } from "@/lib/teams/context";
import { ManageBillingButton } from "./manage-billing-button";
import { SubscriptionStatusBadge, subscriptionOutlook } from "./subscription-status";

// The newest ones only: a team with thousands of subscriptions (one per CI key) loaded and rendered
// them all and the page took seconds; Stripe's billing portal (Manage billing) has the full history.
const SHOWN = 20;

export async function SubscriptionsCard() {
  const { team, can } = await getDashboardContext("/developers/api-keys");
  const state = await getSubscriptionHistory(team.id, SHOWN);
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
            action={<ButtonLink href="/pricing">See plans</ButtonLink>}
          >
            {state.trialEligible
              ? "Start a 30-day free trial on Pricing to get your first CI API key."
              : "Subscribe on Pricing to get a CI API key."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-zinc-500 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Subscription
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Status
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Trial ends
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Period ends
                  </th>
                  <th scope="col" className="py-2 pr-4 font-medium">
                    Outlook
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    Started
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100">
                {state.subscriptions.map((sub) => (
                  <tr key={sub.id} data-testid="subscription-row">
                    <td className="py-2 pr-4 font-mono text-xs text-zinc-600">
                      …{sub.stripeSubscriptionId.slice(-8)}
                    </td>
                    <td className="py-2 pr-4">
                      <SubscriptionStatusBadge sub={sub} />
                    </td>
                    <td className="py-2 pr-4" data-testid="trial-end">
                      {date(sub.trialEnd)}
                    </td>
                    <td className="py-2 pr-4" data-testid="period-end">
                      {date(sub.currentPeriodEnd)}
                    </td>
                    <td className="py-2 pr-4" data-testid="outlook">
                      {subscriptionOutlook(sub, tz)}
                    </td>
                    <td className="py-2 text-zinc-600">{date(sub.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {state.total > SHOWN ? (
              <p className="pt-3 text-xs text-zinc-500" data-testid="subscriptions-more">
                The {SHOWN} newest of {state.total.toLocaleString("en-US")} subscriptions; Manage
                billing shows the full history.
              </p>
            ) : null}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
