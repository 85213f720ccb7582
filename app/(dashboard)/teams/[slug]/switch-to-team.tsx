"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { switchTeamAction } from "../actions";

export function SwitchToTeam({ teamId }: { teamId: string }) {
  const [state, action] = useActionState(switchTeamAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="teamId" value={teamId} />
      <FormMessage state={state} />
      <SubmitButton>Open this team’s dashboard</SubmitButton>
    </form>
  );
}
