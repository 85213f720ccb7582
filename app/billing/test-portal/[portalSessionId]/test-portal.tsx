"use client";

import { useActionState } from "react";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDate } from "@/lib/format";
import { changeTestSubscriptionAction } from "../../actions";

type Sub = {
  id: string;
  status: string;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  endedAt: Date | null;
  amount: number;
  currency: string;
};

type Portal = {
  id: string;
  team: { id: string; name: string; timeZone: string };
  returnUrl: string;
  subscriptions: Sub[];
};

export function TestPortal({ portal }: { portal: Portal }) {
  const [state, action] = useActionState(changeTestSubscriptionAction, null);
  const tz = portal.team.timeZone;
  const fields = (sub: Sub, change: string) => ({
    teamId: portal.team.id,
    portalSessionId: portal.id,
    subscriptionId: sub.id,
    change,
  });
  const Quick = ({ sub, change, label }: { sub: Sub; change: string; label: string }) => (
    <form action={action}>
      {Object.entries(fields(sub, change)).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton variant="secondary" size="sm">
        {label}
      </SubmitButton>
    </form>
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Billing portal</h1>
          <p className="mt-1 text-sm text-zinc-600">
            Subscriptions of {portal.team.name}. Test mode — no real charge: changes here send
            signed webhooks to Signal Diff as Stripe would.
          </p>
        </div>
        <ButtonLink href={portal.returnUrl} variant="secondary">
          Return to Signal Diff
        </ButtonLink>
      </div>
      <FormMessage state={state} />
      {portal.subscriptions.length === 0 ? (
        <p className="text-sm text-zinc-600">No subscriptions yet.</p>
      ) : (
        portal.subscriptions.map((sub) => {
          const ended = sub.status === "canceled";
          const periodEnd = sub.currentPeriodEnd ? formatDate(sub.currentPeriodEnd, tz) : "—";
          return (
            <Card key={sub.id} aria-label={`Subscription ${sub.id}`}>
              <CardHeader
                title={
                  <span className="flex items-center gap-2">
                    Signal Diff Paid <Badge tone={ended ? "neutral" : "blue"}>{sub.status}</Badge>
                    {sub.cancelAtPeriodEnd && !ended ? (
                      <Badge tone="amber">Cancels {periodEnd}</Badge>
                    ) : null}
                  </span>
                }
                description={
                  ended
                    ? `Ended ${sub.endedAt ? formatDate(sub.endedAt, tz) : ""}`
                    : sub.status === "trialing" && sub.trialEnd
                      ? `Trial ends ${formatDate(sub.trialEnd, tz)}`
                      : sub.cancelAtPeriodEnd
                        ? `Ends ${periodEnd}`
                        : `Renews ${periodEnd}`
                }
              />
              {ended ? null : (
                <CardBody className="flex flex-wrap items-center gap-2">
                  {sub.cancelAtPeriodEnd ? (
                    <Quick sub={sub} change="resume" label="Resume subscription" />
                  ) : (
                    <ConfirmAction
                      trigger="Cancel subscription"
                      title="Cancel at period end?"
                      description={`The subscription and its CI key stay active until ${periodEnd}, then end. You can resume before then.`}
                      confirmLabel="Cancel at period end"
                      action={changeTestSubscriptionAction}
                      fields={fields(sub, "cancel_at_period_end")}
                    />
                  )}
                  <span className="mx-2 h-5 w-px bg-zinc-200" aria-hidden />
                  <span className="text-xs text-zinc-500">Test clock:</span>
                  <Quick
                    sub={sub}
                    change="advance_to_period_end"
                    label={sub.cancelAtPeriodEnd ? "Advance to expiry" : "Advance to renewal"}
                  />
                  {sub.status !== "past_due" ? (
                    <Quick sub={sub} change="fail_payment" label="Fail next payment" />
                  ) : null}
                </CardBody>
              )}
            </Card>
          );
        })
      )}
    </div>
  );
}
