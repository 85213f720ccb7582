import { ButtonLink } from "@/components/ui/button";
import { FEATURES as CATALOG } from "@/lib/product/features";
import { FeatureList } from "./_components/feature-list";

const FEATURES = [
  {
    title: "Crawl around every deploy",
    body: "Start a run from CI with one API call and see which pages changed, were added or disappeared.",
  },
  {
    title: "Readable diffs",
    body: "Every page is compared with the previous run, with a line diff of its visible text. Pages that failed to load are flagged, never shown as unchanged.",
  },
  {
    title: "Credentials done right",
    body: "CI keys shown once, rotation with ROTATE, OAuth client credentials with short-lived tokens.",
  },
];

export default function HomePage() {
  return (
    <div className="mx-auto max-w-6xl px-6 py-20">
      <p className="text-sm font-semibold text-brand-600">Change monitoring for deploys</p>
      <h1 className="mt-3 max-w-3xl text-4xl font-semibold tracking-tight text-zinc-900 sm:text-5xl">
        Know exactly what changed on your site after every deploy.
      </h1>
      <p className="mt-5 max-w-2xl text-lg text-zinc-600">
        Signal Diff crawls your sites on demand, on a schedule or from CI, and shows the pages that
        changed.
      </p>
      <div className="mt-8 flex gap-3">
        <ButtonLink href="/sign-in">Get started</ButtonLink>
        <ButtonLink href="/pricing" variant="secondary">
          See pricing
        </ButtonLink>
      </div>
      <div className="mt-20 grid gap-6 sm:grid-cols-3">
        {FEATURES.map((f) => (
          <div key={f.title} className="rounded-lg border border-zinc-200 p-5">
            <h2 className="font-semibold">{f.title}</h2>
            <p className="mt-2 text-sm text-zinc-600">{f.body}</p>
          </div>
        ))}
      </div>
      <section className="mt-16" aria-labelledby="whats-in" data-testid="feature-catalog">
        <h2 id="whats-in" className="text-xl font-semibold">
          What&apos;s in Signal Diff
        </h2>
        <FeatureList items={CATALOG} detailed />
      </section>
    </div>
  );
}
