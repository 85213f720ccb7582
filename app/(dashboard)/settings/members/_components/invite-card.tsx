"use client";

import { useActionState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input, Select } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/lib/format";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "@/lib/teams/roles";
import { createInviteAction, revokeInviteAction } from "../actions";

type PendingInvite = {
  id: string;
  role: keyof typeof ROLE_LABELS;
  expiresAt: string;
  createdAt: string;
};

export function InviteCard({
  teamId,
  canInviteOwner,
  invites,
}: {
  teamId: string;
  canInviteOwner: boolean;
  invites: PendingInvite[];
}) {
  const [state, action] = useActionState(createInviteAction, null);
  const roles = ROLES.filter((r) => canInviteOwner || r !== "owner");
  return (
    <Card>
      <CardHeader
        title="Invite people"
        description="Create a link and send it to the person you want to invite. Each link works once and expires in 7 days."
      />
      <CardBody className="space-y-4">
        <form action={action} className="flex flex-wrap items-end gap-3">
          <input type="hidden" name="teamId" value={teamId} />
          <div className="w-56">
            <Field
              id="invite-role"
              label="Role"
              errors={state && !state.ok ? state.fieldErrors?.role : undefined}
            >
              <Select id="invite-role" name="role" defaultValue="member">
                {roles.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]} — {ROLE_DESCRIPTIONS[r]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <SubmitButton pendingText="Creating…">Create invite link</SubmitButton>
        </form>
        {state?.ok && state.data ? (
          <div className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50 p-3">
            <p className="text-sm text-emerald-900">
              Copy this link now: for security it is not shown again. It expires{" "}
              {formatDateTime(state.data.expiresAt)}.
            </p>
            <div className="flex gap-2">
              <Input
                readOnly
                value={state.data.url}
                aria-label="Invite link"
                data-testid="invite-link"
                className="font-mono text-xs"
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={state.data.url} label="Copy link" />
            </div>
          </div>
        ) : (
          <FormMessage state={state} />
        )}
        {invites.length ? (
          <div>
            <h3 className="mb-2 text-sm font-medium text-zinc-800">Pending invites</h3>
            <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200">
              {invites.map((i) => (
                <li
                  key={i.id}
                  className="flex items-center justify-between gap-3 px-3 py-2 text-sm"
                >
                  <span>
                    {ROLE_LABELS[i.role]} invite · created {formatDateTime(i.createdAt)} · expires{" "}
                    {formatDateTime(i.expiresAt)}
                  </span>
                  <ConfirmAction
                    trigger="Revoke"
                    title="Revoke invite?"
                    description="The link stops working at once. You can create a new one later."
                    confirmLabel="Revoke invite"
                    action={revokeInviteAction}
                    fields={{ teamId, inviteId: i.id }}
                  />
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </CardBody>
    </Card>
  );
}
