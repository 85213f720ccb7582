"use client";

// For a subscription whose CI key was revoked: it keeps billing but can never get a key again,
// so offer what seed 004 describes — cancel it (at the period end, through Stripe) or buy a new
// subscription (a new checkout, with a new key).
import { ButtonLink } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { cancelSubscriptionAction } from "./actions";

export function RevokedKeyActions({
  teamId,
  subscriptionId,
  keyPrefix,
  accessUntil,
  offer,
}: {
  teamId: string;
  subscriptionId: string;
  keyPrefix: string;
  accessUntil: string;
  offer: "cancel_or_checkout" | "checkout";
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="revoked-key-offer">
      {offer === "cancel_or_checkout" ? (
        <ConfirmAction
          trigger="Cancel subscription"
          title="Cancel this subscription?"
          description={
            <>
              Its key <code className="font-mono">{keyPrefix}…</code> was revoked, so it bills for
              nothing you can use. Stripe ends it at the end of the paid period ({accessUntil}); no
              further charge after that. You can resume it from Manage billing before then.
            </>
          }
          confirmLabel="Cancel subscription"
          fields={{ teamId, subscriptionId }}
          action={cancelSubscriptionAction}
        />
      ) : null}
      <ButtonLink href="/pricing" variant="secondary" size="sm">
        New checkout
      </ButtonLink>
    </div>
  );
}
