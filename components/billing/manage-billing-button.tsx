"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { openBillingPortalAction } from "./actions";

/** "Manage billing": opens the Stripe billing portal for the team (owners and admins). */
export function ManageBillingButton({
  teamId,
  label = "Manage billing",
  returnTo = "/developers/api-keys",
  variant = "secondary",
}: {
  teamId: string;
  label?: string;
  returnTo?: "/developers/api-keys" | "/pricing";
  variant?: "primary" | "secondary";
}) {
  const [state, action] = useActionState(openBillingPortalAction, null);
  return (
    <form action={action} className="inline-flex flex-col items-start gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <SubmitButton variant={variant} size="sm" pendingText="Opening…">
        {label}
      </SubmitButton>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
