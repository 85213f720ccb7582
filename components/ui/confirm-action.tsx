"use client";

import { useActionState, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/form";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";

/**
 * A button that opens a confirmation dialog and runs a server action. With `confirmWord`, the
 * person must type it (the server checks it again) and focus starts in that field; without it,
 * focus starts on Cancel so a stray Enter never confirms a destructive action.
 */
export function ConfirmAction<T>({
  trigger,
  triggerVariant = "secondary",
  title,
  description,
  confirmLabel,
  confirmVariant = "danger",
  action,
  fields,
  confirmWord,
  triggerLabel,
  triggerClassName,
  children,
}: {
  trigger: ReactNode;
  triggerVariant?: "primary" | "secondary" | "danger" | "ghost";
  title: string;
  description: ReactNode;
  confirmLabel: string;
  confirmVariant?: "primary" | "danger";
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
  fields: Record<string, string>;
  confirmWord?: string;
  /** Accessible name of the trigger when its text alone is ambiguous (e.g. "Remove ada@…"). */
  triggerLabel?: string;
  triggerClassName?: string;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [state, formAction] = useActionState<ActionState<T>, FormData>(async (prev, formData) => {
    const result = await action(prev, formData);
    if (result?.ok) setOpen(false);
    return result;
  }, null);
  return (
    <>
      <Button
        variant={triggerVariant}
        size="sm"
        aria-label={triggerLabel}
        className={triggerClassName}
        onClick={() => {
          setTyped("");
          setOpen(true);
        }}
      >
        {trigger}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} description={description}>
        <form action={formAction} className="space-y-4">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {children}
          {confirmWord ? (
            <Field
              id="confirm-word"
              errors={state && !state.ok ? state.fieldErrors?.confirm : undefined}
              label={
                <>
                  Type <strong className="font-mono">{confirmWord}</strong> to confirm
                </>
              }
            >
              <Input
                id="confirm-word"
                name="confirm"
                autoComplete="off"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                data-autofocus
              />
            </Field>
          ) : null}
          <FormMessage state={state && !state.ok ? state : null} />
          <DialogActions>
            <Button
              variant="secondary"
              onClick={() => setOpen(false)}
              data-autofocus={confirmWord ? undefined : true}
            >
              Cancel
            </Button>
            <SubmitButton
              variant={confirmVariant}
              disabled={confirmWord !== undefined && typed !== confirmWord}
            >
              {confirmLabel}
            </SubmitButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
