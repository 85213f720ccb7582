"use client";

import { useActionState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { RETENTION_CHOICES } from "@/lib/runs/retention-choices";
import { updateTeamSettingsAction } from "../actions";

export function TeamSettingsForm({
  team,
  timeZones,
  canEdit,
}: {
  team: {
    id: string;
    name: string;
    slug: string;
    timeZone: string;
    snapshotRetentionDays: number | null;
  };
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
            ? "The team’s name, the time zone its schedules use and how long page snapshots are kept."
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
          <Field
            id="team-retention"
            label="Keep page snapshots"
            hint="Full page text and diffs of older runs are removed; every run keeps its summary, status and change counts, and each site’s latest successful run keeps its snapshot for the next diff."
            errors={errors?.retentionDays}
          >
            <Select
              id="team-retention"
              name="retentionDays"
              defaultValue={team.snapshotRetentionDays?.toString() ?? "forever"}
              disabled={!canEdit}
            >
              <option value="forever">Forever (keep everything)</option>
              {[
                ...new Set([
                  ...RETENTION_CHOICES,
                  ...(team.snapshotRetentionDays ? [team.snapshotRetentionDays] : []),
                ]),
              ]
                .sort((a, b) => a - b)
                .map((d) => (
                  <option key={d} value={d}>
                    Last {d} days
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
