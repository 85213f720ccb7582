"use client";

// Row actions of the CI keys table (rename, ROTATE, revoke) and "Create key" for a subscription
// without one. Secrets come back only in the actions' responses and go to onRevealed.
import { useActionState, useState } from "react";
import { ManageBillingButton } from "@/components/billing/manage-billing-button";
import { Button } from "@/components/ui/button";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";
import { formatDate } from "@/lib/format";
import {
  createCiKeyAction,
  relabelCiKeyAction,
  revokeCiKeyAction,
  rotateCiKeyAction,
  type RevealedCiKey,
} from "../actions";
import type { CiKeyRowView } from "./ci-keys-section";

function RenameKey({ teamId, row }: { teamId: string; row: CiKeyRowView }) {
  const [open, setOpen] = useState(false);
  const [state, action] = useActionState<ActionState, FormData>(async (prev, fd) => {
    const r = await relabelCiKeyAction(prev, fd);
    if (r?.ok) setOpen(false);
    return r;
  }, null);
  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={`Rename ${row.label}`}
      >
        Rename
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Rename key">
        <form action={action} className="space-y-4">
          <input type="hidden" name="teamId" value={teamId} />
          <input type="hidden" name="keyId" value={row.id} />
          <Field
            id={`label-${row.id}`}
            label="Label"
            errors={state && !state.ok ? state.fieldErrors?.label : undefined}
          >
            <Input
              id={`label-${row.id}`}
              name="label"
              defaultValue={row.label}
              maxLength={60}
              required
              autoFocus
            />
          </Field>
          <FormMessage state={state && !state.ok ? state : null} />
          <DialogActions>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <SubmitButton pendingText="Saving…">Save</SubmitButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}

export function KeyActions({
  teamId,
  row,
  onRevealed,
}: {
  teamId: string;
  row: CiKeyRowView;
  onRevealed: (key: RevealedCiKey) => void;
}) {
  // A leaked key is paid for and its subscription is current: Rotate restores it.
  const usable = row.status === "active" || row.status === "trialing" || row.status === "leaked";
  return (
    <>
      <RenameKey teamId={teamId} row={row} />
      {usable ? (
        <ConfirmAction
          trigger="Rotate"
          title={`Rotate ${row.label}?`}
          description={
            <>
              {row.status === "leaked" ? (
                <strong className="mb-2 block">
                  This key was reported leaked and is disabled until you rotate it.{" "}
                </strong>
              ) : null}
              A new secret replaces <code className="font-mono">{row.prefix}…</code> on this same
              key. The current secret stops working <strong>immediately</strong> — update{" "}
              <code className="font-mono">SIGNALDIFF_CI_API_KEY</code> everywhere it is stored. The
              new secret is shown once. No extra charge.
            </>
          }
          confirmLabel="Rotate key"
          confirmWord="ROTATE"
          fields={{ teamId, keyId: row.id }}
          action={async (prev: ActionState<RevealedCiKey>, fd: FormData) => {
            const r = await rotateCiKeyAction(prev, fd);
            if (r?.ok && r.data) onRevealed(r.data);
            return r;
          }}
        />
      ) : null}
      {row.status !== "revoked" ? (
        <ConfirmAction
          trigger="Revoke"
          triggerVariant="ghost"
          title={`Revoke ${row.label}?`}
          description={
            // whitespace-normal: the dialog opens inside a nowrap table cell; the warning must wrap.
            <div className="whitespace-normal">
              <p>
                Revoking permanently disables <code className="font-mono">{row.prefix}…</code>. It
                cannot be restored and no new secret is issued; requests with it get 401.
              </p>
              {usable ? (
                <>
                  <p className="mt-2" data-testid="revoke-billing">
                    <strong>Billing:</strong> the subscription behind this key keeps billing —
                    revoking does not cancel it, and it can never get a key again. Afterwards,
                    cancel it from Subscriptions below or in Manage billing, or start a new checkout
                    for a new key.
                  </p>
                  <div className="mt-2">
                    <ManageBillingButton teamId={teamId} />
                  </div>
                </>
              ) : (
                <p className="mt-2" data-testid="revoke-billing">
                  <strong>Billing:</strong> this key&apos;s subscription has ended; revoking changes
                  nothing about billing.
                </p>
              )}
            </div>
          }
          confirmLabel="Revoke key"
          fields={{ teamId, keyId: row.id }}
          action={revokeCiKeyAction}
        />
      ) : null}
    </>
  );
}

export function CreateKeyRow({
  teamId,
  sub,
  timeZone,
  onRevealed,
}: {
  teamId: string;
  sub: { id: string; status: string; createdAt: string; expiresAt: string | null };
  timeZone: string;
  onRevealed: (k: RevealedCiKey) => void;
}) {
  const [state, action] = useActionState<ActionState<RevealedCiKey>, FormData>(async (prev, fd) => {
    const r = await createCiKeyAction(prev, fd);
    if (r?.ok && r.data) onRevealed(r.data);
    return r;
  }, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3 text-sm">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="subscriptionId" value={sub.id} />
      <span className="text-zinc-700">
        Subscription started {formatDate(sub.createdAt, timeZone)} ({sub.status}
        {sub.expiresAt ? `, renews or ends ${formatDate(sub.expiresAt, timeZone)}` : ""})
      </span>
      <SubmitButton size="sm" pendingText="Creating…">
        Create key
      </SubmitButton>
      <FormMessage state={state && !state.ok ? state : null} />
    </form>
  );
}
