// Features as the catalog in lib/product/features.ts states them: a check for what works today,
// a plain "Coming soon" badge for what does not yet.
import { Check, Clock } from "lucide-react";
import Link from "next/link";
import { COMING_SOON_LABEL, type Feature } from "@/lib/product/features";

export function ComingSoon() {
  return (
    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-800">
      {COMING_SOON_LABEL}
    </span>
  );
}

export function FeatureList({
  items,
  detailed = false,
  prefix = [],
}: {
  items: readonly Feature[];
  /** Show each feature's one-line summary and docs link. */
  detailed?: boolean;
  /** Plain lines shown first (e.g. "Everything in Free"). */
  prefix?: string[];
}) {
  return (
    <ul className="my-6 space-y-2 text-sm">
      {prefix.map((line) => (
        <li key={line} className="flex items-center gap-2">
          <Check className="size-4 shrink-0 text-emerald-600" aria-hidden />
          {line}
        </li>
      ))}
      {items.map((f) => (
        <li
          key={f.id}
          className="flex items-start gap-2"
          data-feature={f.id}
          data-status={f.status}
        >
          {f.status === "shipped" ? (
            <Check className="mt-0.5 size-4 shrink-0 text-emerald-600" aria-hidden />
          ) : (
            <Clock className="mt-0.5 size-4 shrink-0 text-amber-600" aria-hidden />
          )}
          <span>
            <span className={f.status === "shipped" ? "" : "text-zinc-500"}>
              {detailed && f.docs ? (
                <Link
                  href={f.docs}
                  className="font-medium text-zinc-900 underline-offset-2 hover:underline"
                >
                  {f.name}
                </Link>
              ) : (
                f.name
              )}
            </span>{" "}
            {f.status === "coming_soon" ? <ComingSoon /> : null}
            {detailed ? <span className="block text-zinc-600">{f.summary}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
