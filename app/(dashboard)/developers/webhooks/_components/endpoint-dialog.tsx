"use client";

// Add or edit a webhook endpoint: URL, description, the event types it receives, enabled.
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";
import { createEndpointAction, updateEndpointAction } from "../actions";

export type EndpointView = {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  createdAt: string;
};

export function EndpointDialog({
  teamId,
  eventTypes,
  endpoint,
}: {
  teamId: string;
  eventTypes: string[];
  /** Absent: a new endpoint. */
  endpoint?: EndpointView;
}) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState, FormData>(async (prev, fd) => {
    const r = await (endpoint ? updateEndpointAction : createEndpointAction)(prev, fd);
    if (r?.ok) setOpen(false);
    return r;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const prefix = endpoint ? `edit-${endpoint.id}` : "new-endpoint";
  const chosen = new Set(endpoint?.eventTypes ?? eventTypes);
  return (
    <>
      <Button
        size="sm"
        variant={endpoint ? "ghost" : "primary"}
        onClick={() => setOpen(true)}
        aria-label={endpoint ? `Edit ${endpoint.url}` : undefined}
      >
        {endpoint ? "Edit" : "Add endpoint"}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={endpoint ? "Edit endpoint" : "Add endpoint"}
        description="Deliveries are signed with the team's signing secret (Developers → API keys)."
      >
        <form action={action} className="space-y-4 whitespace-normal">
          <input type="hidden" name="teamId" value={teamId} />
          {endpoint ? <input type="hidden" name="endpointId" value={endpoint.id} /> : null}
          <Field id={`${prefix}-url`} label="URL" hint="https only." errors={errors?.url}>
            <Input
              id={`${prefix}-url`}
              name="url"
              type="url"
              defaultValue={endpoint?.url}
              placeholder="https://example.com/webhooks/signal-diff"
              required
              autoFocus
            />
          </Field>
          <Field id={`${prefix}-description`} label="Description" errors={errors?.description}>
            <Input
              id={`${prefix}-description`}
              name="description"
              defaultValue={endpoint?.description}
              maxLength={500}
            />
          </Field>
          <fieldset>
            <legend className="text-sm font-medium text-zinc-800">Events</legend>
            <div className="mt-2 grid gap-1 sm:grid-cols-2">
              {eventTypes.map((t) => (
                <label key={t} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="eventTypes"
                    value={t}
                    defaultChecked={chosen.has(t)}
                  />
                  <code className="font-mono text-xs">{t}</code>
                </label>
              ))}
            </div>
            {errors?.eventTypes ? (
              <p className="mt-1 text-sm text-red-700">{errors.eventTypes.join(" ")}</p>
            ) : null}
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="enabled" defaultChecked={endpoint?.enabled ?? true} />
            Enabled
          </label>
          <FormMessage state={state && !state.ok ? state : null} />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <SubmitButton pendingText="Saving…">{endpoint ? "Save" : "Add endpoint"}</SubmitButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
