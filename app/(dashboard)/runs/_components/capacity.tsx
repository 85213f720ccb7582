import Link from "next/link";
import { getCapacity } from "@/lib/runs/queries";
import { describeCapacity } from "@/lib/runs/status";

/** "N of M crawls running" with the plan behind M, and why when the team is over its limit. */
export async function CapacityBanner({ teamId }: { teamId: string }) {
  const capacity = await getCapacity(teamId);
  const { active, limit, plan } = capacity;
  const { state, detail } = describeCapacity(capacity);
  const tone =
    state === "over"
      ? "bg-red-50 text-red-800"
      : state === "full"
        ? "bg-amber-50 text-amber-800"
        : "bg-zinc-100 text-zinc-700";
  return (
    <div
      data-testid="capacity"
      data-state={state}
      className={`rounded-md px-3 py-1.5 text-sm ${tone}`}
    >
      <p>
        <span className="font-medium tabular-nums">
          {active} of {limit}
        </span>{" "}
        crawls running{state === "over" ? " (over the limit)" : ""} ·{" "}
        <Link href="/docs/plans-and-limits" className="underline-offset-2 hover:underline">
          {plan === "paid" ? "Paid" : "Free"} plan
        </Link>
      </p>
      {state === "over" && detail ? <p className="mt-0.5 max-w-md text-xs">{detail}</p> : null}
    </div>
  );
}
