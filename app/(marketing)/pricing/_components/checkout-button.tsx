"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { startCheckoutAction } from "../actions";

/**
 * Start free trial / Subscribe. The attempt id is fixed when the page renders, so a double click
 * sends the same idempotency key and Stripe answers both with the same checkout session.
 */
export function CheckoutButton({
  teamId,
  attemptId,
  label,
  variant = "primary",
}: {
  teamId: string;
  attemptId: string;
  label: string;
  variant?: "primary" | "secondary";
}) {
  const [state, action] = useActionState(startCheckoutAction, null);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="attemptId" value={attemptId} />
      <SubmitButton variant={variant} pendingText="Opening checkout…" className="w-full">
        {label}
      </SubmitButton>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
