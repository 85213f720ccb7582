"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { leaveTeamAction } from "../actions";

export function LeaveTeam({ teamId, teamName }: { teamId: string; teamName: string }) {
  return (
    <Card>
      <CardHeader
        title="Leave team"
        description="You lose access to this team’s sites, runs and credentials."
      />
      <CardBody>
        <ConfirmAction
          trigger="Leave team"
          triggerVariant="danger"
          title={`Leave ${teamName}?`}
          description="You will need a new invite to come back. The last owner of a team cannot leave it."
          confirmLabel="Leave team"
          action={leaveTeamAction}
          fields={{ teamId }}
        />
      </CardBody>
    </Card>
  );
}
