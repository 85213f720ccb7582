"use client";

// One notice's Dismiss button (a form: works before hydration and from the keyboard).
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/actions/state";
import { dismissNoticeAction } from "../actions";

export function DismissNotice({
  teamId,
  noticeId,
  title,
}: {
  teamId: string;
  noticeId: string;
  title: string;
}) {
  const [state, action] = useActionState<ActionState, FormData>(dismissNoticeAction, null);
  return (
    <form action={action} className="shrink-0">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="noticeId" value={noticeId} />
      <SubmitButton
        variant="ghost"
        size="sm"
        pendingText="Dismissing…"
        aria-label={`Dismiss: ${title}`}
      >
        Dismiss
      </SubmitButton>
      {state && !state.ok ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
