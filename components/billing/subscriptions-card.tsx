// Developers → API keys: the team's subscriptions (billing history) with Manage billing, each
// with its CI key, and what to do about a subscription whose key was revoked.
import { CreditCard } from "lucide-react";
import { StaticTable } from "@/components/data-table/static-table";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { DATE_COLUMN_HINTS } from "@/lib/billing/date-columns";
import { getSubscriptionHistory, getSubscriptionKeys, revokedKeyOffer } from "@/lib/billing/state";
import { billingMode } from "@/lib/billing/stripe";
import { formatDate } from "@/lib/format";
import { getDashboardContext } from "@/lib/teams/context";
import { ManageBillingButton } from "./manage-billing-button";
import { RevokedKeyActions } from "./revoked-key-actions";
import { SubscriptionStatusBadge, subscriptionOutlook } from "./subscription-status";

// The newest ones only: a team with thousands of subscriptions (one per CI key) loaded and rendered
// them all and the page took seconds; Stripe's billing portal (Manage billing) has the full history.
const SHOWN = 20;

export async function SubscriptionsCard() {
  const { team, can } = await getDashboardContext("/developers/api-keys");
  const state = await getSubscriptionHistory(team.id, SHOWN);
  const keys = await getSubscriptionKeys(
    team.id,
    state.subscriptions.map((s) => s.id),
  );
  const tz = team.timeZone;
  const date = (d: Date | null) => (d ? formatDate(d, tz) : "—");
  const mode = billingMode();
  const admin = can("admin");
  return (
    <Card aria-labelledby="subscriptions-title" className="mt-6" id="subscriptions">
      <CardHeader
        title={<span id="subscriptions-title">Subscriptions</span>}
        description={
          <>
            Each paid subscription comes with one CI API key, which expires with the subscription.
            Revoking a key does not cancel its subscription.
            {mode === "test" ? " Test mode — no real charges." : null}
          </>
        }
        actions={admin && state.hasBillingAccount ? <ManageBillingButton teamId={team.id} /> : null}
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
          <>
            <StaticTable
              label="Subscriptions"
              bordered={false}
              rowTestId="subscription-row"
              head={[
                "Subscription",
                "Status",
                "Key",
                { label: "Trial ends", hint: DATE_COLUMN_HINTS.trialEnds },
                { label: "Access until", hint: DATE_COLUMN_HINTS.accessUntil },
                "Outlook",
                { label: "Started", hint: DATE_COLUMN_HINTS.started },
              ]}
              rows={state.subscriptions.map((sub) => {
                const key = keys.get(sub.id);
                const offer = admin ? revokedKeyOffer(sub, key) : null;
                return [
                  <span key="id" className="font-mono text-xs text-zinc-600">
                    …{sub.stripeSubscriptionId.slice(-8)}
                  </span>,
                  <SubscriptionStatusBadge key="status" sub={sub} />,
                  <span key="key" className="text-xs" data-testid="subscription-key">
                    {key ? (
                      <>
                        <code className="font-mono">{key.prefix}…</code>
                        {key.revoked ? <span className="ml-1 text-red-700">revoked</span> : null}
                      </>
                    ) : (
                      <span className="text-zinc-500">none</span>
                    )}
                  </span>,
                  <span key="trial" data-testid="trial-end">
                    {date(sub.trialEnd)}
                  </span>,
                  <span key="period" data-testid="period-end">
                    {date(sub.accessEndsAt)}
                  </span>,
                  <div key="outlook" data-testid="outlook">
                    {subscriptionOutlook(sub, tz)}
                    {offer ? (
                      <div className="mt-2 max-w-xs space-y-2">
                        <p className="text-xs text-amber-800">
                          {offer === "cancel_or_checkout"
                            ? "Its key was revoked, so this subscription can never get a key again — yet it keeps billing. Cancel it, or start a new checkout for a new key."
                            : "Its key was revoked and the subscription ends with its paid period. Start a new checkout for a new key."}
                        </p>
                        <RevokedKeyActions
                          teamId={team.id}
                          subscriptionId={sub.id}
                          keyPrefix={key?.prefix ?? ""}
                          accessUntil={date(sub.accessEndsAt)}
                          offer={offer}
                        />
                      </div>
                    ) : null}
                  </div>,
                  <span key="started" className="text-zinc-600">
                    {date(sub.createdAt)}
                  </span>,
                ];
              })}
            />
            {state.total > SHOWN ? (
              <p className="pt-3 text-xs text-zinc-500" data-testid="subscriptions-more">
                The {SHOWN} newest of {state.total.toLocaleString("en-US")} subscriptions; Manage
                billing shows the full history.
              </p>
            ) : null}
          </>
        )}
      </CardBody>
    </Card>
  );
}
