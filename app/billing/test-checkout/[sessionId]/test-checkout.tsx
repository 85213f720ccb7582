"use client";

import { useActionState } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDate } from "@/lib/format";
import { cancelTestCheckoutAction, payTestCheckoutAction } from "../../actions";

type Checkout = {
  id: string;
  status: string;
  expired: boolean;
  team: { id: string; name: string; timeZone: string };
  trialDays: number | null;
  trialEndsIfPaidNow: Date | null;
  amount: number;
  currency: string;
  interval: string;
  cancelUrl: string;
  successUrl: string;
};

export function TestCheckout({ checkout }: { checkout: Checkout }) {
  const [payState, pay] = useActionState(payTestCheckoutAction, null);
  const [cancelState, cancel] = useActionState(cancelTestCheckoutAction, null);
  const price = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: checkout.currency.toUpperCase(),
  }).format(checkout.amount / 100);
  const trialEnds = checkout.trialEndsIfPaidNow
    ? formatDate(checkout.trialEndsIfPaidNow, checkout.team.timeZone)
    : null;
  const open = checkout.status === "open" && !checkout.expired;
  return (
    <div className="grid gap-8 md:grid-cols-2">
      <section aria-labelledby="summary">
        <p className="text-sm text-zinc-600">Subscribe {checkout.team.name} to</p>
        <h1 id="summary" className="mt-1 text-2xl font-semibold">
          Signal Diff Paid
        </h1>
        {checkout.trialDays ? (
          <>
            <p className="mt-4 text-3xl font-semibold">{checkout.trialDays} days free</p>
            <p className="mt-1 text-sm text-zinc-600">
              Then {price} per {checkout.interval} starting {trialEnds}.
            </p>
          </>
        ) : (
          <p className="mt-4 text-3xl font-semibold">
            {price}{" "}
            <span className="text-base font-normal text-zinc-600">per {checkout.interval}</span>
          </p>
        )}
        <p className="mt-6 text-sm text-zinc-600">
          One CI API key, CI triggers, the Agent API, customer agents and 3 concurrent crawls.
        </p>
      </section>
      <Card>
        <CardBody className="space-y-4">
          <h2 className="text-base font-semibold">Test mode — no real charge</h2>
          <p className="text-sm text-zinc-600">
            This deployment has no Stripe keys, so this page stands in for Stripe Checkout. Pay
            creates the subscription in the built-in test Stripe and sends its signed webhooks to
            Signal Diff, exactly as Stripe would.
          </p>
          {open ? (
            <>
              <form action={pay} className="space-y-2">
                <input type="hidden" name="teamId" value={checkout.team.id} />
                <input type="hidden" name="sessionId" value={checkout.id} />
                <SubmitButton className="w-full" pendingText="Processing…">
                  {checkout.trialDays ? "Pay $0 today and start the trial" : `Pay ${price}`}
                </SubmitButton>
                <FormMessage state={payState && !payState.ok ? payState : null} />
              </form>
              <form action={cancel}>
                <input type="hidden" name="teamId" value={checkout.team.id} />
                <input type="hidden" name="sessionId" value={checkout.id} />
                <SubmitButton variant="ghost" className="w-full" pendingText="Cancelling…">
                  Cancel
                </SubmitButton>
                <FormMessage state={cancelState && !cancelState.ok ? cancelState : null} />
              </form>
            </>
          ) : checkout.status === "complete" ? (
            <div className="space-y-3">
              <p role="status" className="text-sm text-emerald-700">
                This checkout is already paid.
              </p>
              <ButtonLink href={checkout.successUrl} className="w-full">
                Continue to Signal Diff
              </ButtonLink>
            </div>
          ) : (
            <div className="space-y-3">
              <p role="status" className="text-sm text-zinc-700">
                This checkout session has expired. Start again from Pricing.
              </p>
              <ButtonLink href="/pricing" variant="secondary" className="w-full">
                Back to Pricing
              </ButtonLink>
            </div>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
