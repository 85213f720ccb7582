"use client";

import { useActionState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateTeamSettingsAction } from "../actions";

export function TeamSettingsForm({
  team,
  timeZones,
  canEdit,
}: {
  team: { id: string; name: string; slug: string; timeZone: string };
  timeZones: string[];
  canEdit: boolean;
}) {
  const [state, action] = useActionState(updateTeamSettingsAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Card>
      <CardHeader
        title="General"
        description={
          canEdit
            ? "The team’s name and the time zone its schedules use."
            : "Only owners and admins can change these."
        }
      />
      <CardBody>
        <form action={action} className="max-w-lg space-y-4">
          <input type="hidden" name="teamId" value={team.id} />
          <Field id="team-name" label="Team name" errors={errors?.name}>
            <Input
              id="team-name"
              name="name"
              defaultValue={team.name}
              required
              minLength={2}
              maxLength={60}
              disabled={!canEdit}
              aria-invalid={errors?.name ? true : undefined}
            />
          </Field>
          <Field
            id="team-tz"
            label="Time zone"
            hint="Schedules and run times are shown in this zone."
            errors={errors?.timeZone}
          >
            <Select id="team-tz" name="timeZone" defaultValue={team.timeZone} disabled={!canEdit}>
              {timeZones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </Select>
          </Field>
          <FormMessage state={state} />
          {canEdit ? <SubmitButton pendingText="Saving…">Save changes</SubmitButton> : null}
        </form>
      </CardBody>
    </Card>
  );
}
