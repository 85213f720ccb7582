import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { formatPrice, getPlanPriceForDisplay } from "@/lib/billing/plan-price";
import { featuresFor } from "@/lib/product/features";
import { FeatureList } from "../_components/feature-list";
import { PaidPlanActions } from "./_components/paid-plan-actions";

export const metadata: Metadata = { title: "Pricing" };

const FAQ = [
  {
    q: "What does a CI API key do?",
    a: "It lets your pipelines start runs (POST /api/trigger/ci with the x-ci-api-key header), authorises the Agent API, and raises your concurrent crawl limit to 3. Each paid subscription comes with one key — one per environment is typical. Enrolling customer agents and running on them need it too.",
  },
  {
    q: "What happens when my key expires?",
    a: "You drop back to the Free plan. The dashboard, saved sites, recurring schedules and run history keep working; only CI and API-triggered automation that used the key stops authorising (401).",
  },
  {
    q: "How does the free trial work?",
    a: "One 30-day trial per account, and an account is a person: a team gets the trial only when neither it, nor you, nor any team you own has had one — a new team is not a new trial. Your key works during the trial; cancel before the trial ends and you are not charged. Cancelling a trial does not make you eligible for another one.",
  },
  {
    q: "How do I cancel?",
    a: "Use Manage subscription here or Manage billing on Developers → API keys. Your key stays active until the end of the current paid period, then expires with the subscription.",
  },
];

export default async function PricingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const [{ checkout }, price] = await Promise.all([searchParams, getPlanPriceForDisplay()]);
  return (
    <div className="mx-auto max-w-4xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Plans and limits</h1>
      <p className="mt-2 text-zinc-600">
        Start free. Add a paid CI API key when you want automation from your pipelines. The details
        — limits, what expiry leaves working, the trial rule — are in{" "}
        <Link href="/docs/plans-and-limits" className="underline">
          Plans and limits
        </Link>
        .
      </p>
      {checkout === "cancelled" ? (
        <p role="status" className="mt-6 rounded-md bg-zinc-100 px-4 py-3 text-sm text-zinc-800">
          Checkout was cancelled. Nothing was charged.
        </p>
      ) : null}
      <div className="mt-10 grid gap-6 sm:grid-cols-2">
        <section
          className="flex flex-col rounded-lg border border-zinc-200 p-6"
          aria-labelledby="plan-free"
        >
          <h2 id="plan-free" className="text-lg font-semibold">
            Free
          </h2>
          <p className="mt-1 text-sm text-zinc-600">For trying Signal Diff and small sites.</p>
          <p className="mt-4 text-2xl font-semibold">$0</p>
          <FeatureList items={featuresFor("free")} prefix={["1 concurrent crawl"]} />
          <ButtonLink href="/dashboard" variant="secondary" className="mt-auto w-full">
            Go to dashboard
          </ButtonLink>
        </section>
        <section
          className="flex flex-col rounded-lg border-2 border-zinc-900 p-6"
          aria-labelledby="plan-paid"
        >
          <h2 id="plan-paid" className="text-lg font-semibold">
            Paid
          </h2>
          <p className="mt-1 text-sm text-zinc-600">
            A CI API key for your pipelines. One 30-day free trial per account.
          </p>
          <p className="mt-4 text-2xl font-semibold" data-testid="paid-price">
            {price ? formatPrice(price) : "Price unavailable"}
            <span className="ml-1 text-sm font-normal text-zinc-500">per key</span>
          </p>
          <FeatureList
            items={featuresFor("paid")}
            prefix={["Everything in Free", "3 concurrent crawls"]}
          />
          <div className="mt-auto">
            <PaidPlanActions />
          </div>
        </section>
      </div>
      <section className="mt-16" aria-labelledby="faq">
        <h2 id="faq" className="text-xl font-semibold">
          Questions
        </h2>
        <dl className="mt-6 space-y-6">
          {FAQ.map((item) => (
            <div key={item.q}>
              <dt className="font-medium text-zinc-900">{item.q}</dt>
              <dd className="mt-1 text-sm text-zinc-600">{item.a}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
