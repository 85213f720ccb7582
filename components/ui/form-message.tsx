import { AlertCircle, CheckCircle2 } from "lucide-react";
import type { ActionState } from "@/lib/actions/state";

/** The outcome of a server action, announced to screen readers. */
export function FormMessage({ state }: { state: ActionState<unknown> }) {
  if (!state) return null;
  if (state.ok && !state.message) return null;
  return (
    <div
      role={state.ok ? "status" : "alert"}
      className={
        state.ok
          ? "flex items-start gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          : "flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
      }
    >
      {state.ok ? (
        <CheckCircle2 className="mt-0.5 size-4 shrink-0" aria-hidden />
      ) : (
        <AlertCircle className="mt-0.5 size-4 shrink-0" aria-hidden />
      )}
      <span>{state.ok ? state.message : state.error}</span>
    </div>
  );
}
