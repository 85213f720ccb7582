"use client";

import { Play } from "lucide-react";
import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { runNowAction } from "../actions";

/** "Run now": starts a manual run, or says why it cannot (e.g. the concurrency limit). */
export function RunNowButton({
  teamId,
  siteId,
  size = "md",
}: {
  teamId: string;
  siteId: string;
  size?: "sm" | "md";
}) {
  const [state, action] = useActionState(runNowAction, null);
  return (
    <form action={action} className="flex flex-col items-end gap-1 max-sm:items-start">
      <input type="hidden" name="teamId" value={teamId} />
      <input type="hidden" name="siteId" value={siteId} />
      <SubmitButton size={size} pendingText="Starting…">
        <Play className="size-4" aria-hidden />
        Run now
      </SubmitButton>
      {state && !state.ok ? (
        <p
          role="alert"
          className="max-w-xs text-right text-xs whitespace-normal text-red-700 max-sm:text-left"
        >
          {state.error}
          {state.code === "rate_limited" ? (
            <>
              {" "}
              See{" "}
              <Link href="/pricing" className="font-medium underline">
                Plans and limits
              </Link>{" "}
              on Pricing.
            </>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}
