import { StaticTable } from "@/components/data-table/static-table";
import type { Metadata } from "next";
import { TRIAL_DAYS } from "@/lib/billing/checkout";
import { PLAN_LIMITS } from "@/lib/plans/plan";
import { featuresFor } from "@/lib/product/features";
import { LIMIT_RETRY_AFTER_SECONDS } from "@/lib/runs/admit-run";
import { limitMessage } from "@/lib/runs/status";
import { ComingSoon } from "../../_components/feature-list";
import { Doc, DocLink } from "../_components/doc";

export const metadata: Metadata = { title: "Plans and limits" };

// Figures come from the code that enforces them (PLAN_LIMITS, TRIAL_DAYS, the Retry-After
// seconds, the 429 message), so this page cannot drift from what the product does.
export default function PlansAndLimitsDoc() {
  const free = featuresFor("free");
  const paid = featuresFor("paid");
  return (
    <Doc
      title="Plans and limits"
      lead="What Free and Paid include, how many crawls may run at once, what keeps working when a paid key expires, and the trial rule."
    >
      <h2 id="plans">Free vs Paid</h2>
      <StaticTable
        label="Free vs Paid"
        head={["", "Free", "Paid (per CI API key)"]}
        rows={[
          [
            "Concurrent crawls",
            <span key="free" data-testid="free-limit">
              {PLAN_LIMITS.free}
            </span>,
            <span key="paid" data-testid="paid-limit">
              {PLAN_LIMITS.paid}
            </span>,
          ],
          ...[...free, ...paid].map((f) => [
            <span key="name">
              {f.name} {f.status === "coming_soon" ? <ComingSoon /> : null}
            </span>,
            f.plan === "free" ? "Yes" : "—",
            "Yes",
          ]),
        ]}
      />
      <p>
        A team is on Paid while it holds at least one active CI API key: one key per Stripe
        subscription, with an Expires date that follows the subscription&apos;s paid period.
      </p>

      <h2 id="concurrency">Concurrent crawls</h2>
      <p>
        Every start counts toward the same team limit: dashboard runs, schedules, CI triggers, the
        Agent API and the REST API. Queued and running runs hold a slot; a run frees it when it
        finishes, fails or is cancelled.
      </p>
      <p>
        After a downgrade (a key expired or was revoked while several crawls ran) a team can have
        more runs in progress than its new limit. They finish normally; the dashboard shows the
        count as <em>over the limit</em> and new starts are refused until the count is below it.
      </p>

      <h2 id="429">429 and Retry-After</h2>
      <p>
        A start at the limit is refused with <code>429 Too Many Requests</code>, the error code{" "}
        <code>rate_limited</code>, a <code>Retry-After: {LIMIT_RETRY_AFTER_SECONDS}</code> header
        and a message such as “{limitMessage(PLAN_LIMITS.paid, PLAN_LIMITS.paid)}”. Nothing is
        queued: retry after the given seconds, or cancel a run. A scheduled start at the limit is
        not dropped silently: it is recorded as <em>Skipped — concurrency limit</em> in the run
        history.
      </p>
      <pre>
        <code>{`HTTP/1.1 429 Too Many Requests
Retry-After: ${LIMIT_RETRY_AFTER_SECONDS}
{"error":{"code":"rate_limited","message":"${limitMessage(1, 1)}"}}`}</code>
      </pre>

      <h2 id="expiry">What expiry leaves working</h2>
      <ul>
        <li>
          Keeps working: sign-in, the dashboard, saved sites, recurring schedules, Run now, run
          history and diffs, API clients and the REST API — at the Free limit of {PLAN_LIMITS.free}{" "}
          concurrent crawl.
        </li>
        <li>
          Stops: requests with the expired key (<code>POST /api/trigger/ci</code> and the Agent API)
          get <code>401</code>, the same answer as a wrong key.
        </li>
        <li>
          To get a key again, start a new checkout on <DocLink href="/pricing">Pricing</DocLink>.
          Revoking a key does not stop its subscription billing: cancel it from Developers → API
          keys or Manage billing.
        </li>
      </ul>

      <h2 id="trial">The trial rule</h2>
      <p>
        One {TRIAL_DAYS}-day free trial per account, and an account is a person. A checkout includes
        the trial only when all of these hold:
      </p>
      <ul>
        <li>the team has never had a trial or a subscription;</li>
        <li>you (the person checking out) have never started a trial, in any team;</li>
        <li>no team you own has had a trial.</li>
      </ul>
      <p>
        Otherwise checkout starts a paid subscription straight away, and Pricing says which rule
        applied. Cancelling a trial does not make anyone eligible again. The check runs on the
        server when the checkout is created.
      </p>
      <p>
        More: <DocLink href="/docs/api-keys">API keys lifecycle</DocLink> ·{" "}
        <DocLink href="/docs/troubleshooting#429">Troubleshooting 429</DocLink> ·{" "}
        <DocLink href="/pricing">Pricing</DocLink>
      </p>
    </Doc>
  );
}
