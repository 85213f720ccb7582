import type { Metadata } from "next";
import { Check } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";

export const metadata: Metadata = { title: "Pricing" };

const PLANS = [
  {
    name: "Free",
    blurb: "For trying Signal Diff and small sites.",
    features: [
      "Dashboard runs",
      "Saved sites",
      "Recurring schedules",
      "Run history",
      "1 concurrent crawl",
    ],
  },
  {
    name: "Paid",
    blurb: "A CI API key for your pipelines. One 30-day free trial per account.",
    features: [
      "Everything in Free",
      "CI triggers",
      "Agent API",
      "Customer agents",
      "3 concurrent crawls",
    ],
  },
];

export default function PricingPage() {
  return (
    <div className="mx-auto max-w-4xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Plans and limits</h1>
      <p className="mt-2 text-zinc-600">
        Start free. Add a paid CI API key when you want automation from your pipelines.
      </p>
      <div className="mt-10 grid gap-6 sm:grid-cols-2">
        {PLANS.map((plan) => (
          <section
            key={plan.name}
            className="rounded-lg border border-zinc-200 p-6"
            aria-labelledby={`plan-${plan.name}`}
          >
            <h2 id={`plan-${plan.name}`} className="text-lg font-semibold">
              {plan.name}
            </h2>
            <p className="mt-1 text-sm text-zinc-600">{plan.blurb}</p>
            <ul className="mt-5 space-y-2 text-sm">
              {plan.features.map((f) => (
                <li key={f} className="flex items-center gap-2">
                  <Check className="size-4 text-emerald-600" aria-hidden />
                  {f}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <ButtonLink href="/dashboard" className="mt-10">
        Go to dashboard
      </ButtonLink>
    </div>
  );
}
