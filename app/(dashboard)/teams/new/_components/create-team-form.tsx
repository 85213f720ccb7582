"use client";

import { useActionState } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createTeamAction } from "../../actions";

export function CreateTeamForm() {
  const [state, action] = useActionState(createTeamAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <Card className="max-w-lg">
      <CardBody>
        <form action={action} className="space-y-4">
          <Field
            id="team-name"
            label="Team name"
            hint="For example your company or project name."
            errors={errors?.name}
          >
            <Input
              id="team-name"
              name="name"
              required
              minLength={2}
              maxLength={60}
              autoFocus
              aria-invalid={errors?.name ? true : undefined}
            />
          </Field>
          <FormMessage state={state} />
          <SubmitButton pendingText="Creating…">Create team</SubmitButton>
        </form>
      </CardBody>
    </Card>
  );
}
