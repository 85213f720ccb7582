"use client";

// "Send test event": queues a webhook.test event to one endpoint.
import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";
import { sendTestEventAction } from "../actions";

export function SendTestButton({
  teamId,
  endpointId,
  compact = false,
}: {
  teamId: string;
  endpointId: string;
  compact?: boolean;
}) {
  const [state, action] = useActionState<ActionState, FormData>(sendTestEventAction, null);
  return (
    <form action={action} className="inline-flex flex-wrap items-center gap-2">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="endpointId" value={endpointId} />
      <SubmitButton size="sm" variant={compact ? "ghost" : "secondary"} pendingText="Sending…">
        {compact ? "Test" : "Send test event"}
      </SubmitButton>
      {compact && state?.ok ? null : <FormMessage state={state} />}
    </form>
  );
}
