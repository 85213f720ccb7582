"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { acceptInviteAction } from "./actions";

export function AcceptInviteForm({ token, email }: { token: string; email: string | null }) {
  const [state, action] = useActionState(acceptInviteAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton className="w-full" pendingText="Joining…">
        Accept invite
      </SubmitButton>
      {email ? <p className="text-center text-xs text-zinc-500">Signed in as {email}</p> : null}
    </form>
  );
}
