import Link from "next/link";
import { getCapacity } from "@/lib/runs/queries";

/** "N of M crawls running" with the plan behind M. */
export async function CapacityBanner({ teamId }: { teamId: string }) {
  const { active, limit, plan } = await getCapacity(teamId);
  const full = active >= limit;
  return (
    <p
      data-testid="capacity"
      className={`rounded-md px-3 py-1.5 text-sm ${full ? "bg-amber-50 text-amber-800" : "bg-zinc-100 text-zinc-700"}`}
    >
      <span className="font-medium tabular-nums">
        {active} of {limit}
      </span>{" "}
      crawls running ·{" "}
      <Link href="/pricing" className="underline-offset-2 hover:underline">
        {plan === "paid" ? "Paid" : "Free"} plan
      </Link>
    </p>
  );
}
