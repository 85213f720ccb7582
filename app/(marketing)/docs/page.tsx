import type { Metadata } from "next";
import Link from "next/link";
import { FEATURES } from "@/lib/product/features";
import { FeatureList } from "../_components/feature-list";

export const metadata: Metadata = { title: "Docs" };

export default function DocsPage() {
  return (
    <article className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Documentation</h1>
      <h2 className="mt-10 text-xl font-semibold">Credentials</h2>
      <ul className="mt-4 list-disc space-y-1 pl-6 text-zinc-700">
        <li>
          <Link href="/docs/api-keys" className="underline">
            API keys lifecycle
          </Link>{" "}
          — CI keys: one-time reveal, rotate vs revoke, expiry
        </li>
        <li>
          <Link href="/docs/ci" className="underline">
            CI and GitHub Actions setup
          </Link>{" "}
          — the GitHub Action, GitLab CI, CircleCI, exit codes
        </li>
        <li>
          <Link href="/docs/cli" className="underline">
            signaldiff CLI reference
          </Link>{" "}
          — commands, flags, JSON output
        </li>
        <li>
          <Link href="/docs/api-clients" className="underline">
            API clients and OAuth
          </Link>{" "}
          — client credentials, tokens, scopes
        </li>
        <li>
          <Link href="/docs/verifying-signatures" className="underline">
            Verifying signatures
          </Link>{" "}
          — webhooks: the signing secret, rotation, replay window, idempotency
        </li>
        <li>
          <Link href="/docs/agents" className="underline">
            Customer agent setup
          </Link>{" "}
          — pools, enrollment tokens, the agent program, rotation
        </li>
        <li>
          <Link href="/docs/troubleshooting" className="underline">
            Troubleshooting
          </Link>{" "}
          — 401, 403, 429
        </li>
        <li>
          <Link href="/docs/plans-and-limits" className="underline">
            Plans and limits
          </Link>{" "}
          — Free vs Paid, concurrent crawls, 429 and Retry-After, expiry, the trial rule
        </li>
      </ul>
      <h2 className="mt-10 text-xl font-semibold">Features</h2>
      <FeatureList items={FEATURES} detailed />
      <h2 className="mt-10 text-xl font-semibold">Teams and roles</h2>
      <p className="mt-3 text-zinc-700">
        Every site, run and credential belongs to one team. You get a personal team when you first
        sign in, and can create more from the team switcher. Invite people from Settings → Members
        with a link that works once and expires after 7 days.
      </p>
      <ul className="mt-4 list-disc space-y-1 pl-6 text-zinc-700">
        <li>
          <strong>Owner</strong> — full control, including billing and ownership. A team always
          keeps one owner.
        </li>
        <li>
          <strong>Admin</strong> — manages members, credentials, billing and every resource.
        </li>
        <li>
          <strong>Member</strong> — creates and runs sites.
        </li>
        <li>
          <strong>Viewer</strong> — read-only. Use a separate team with viewers for read-only
          integrations.
        </li>
      </ul>
      <h2 className="mt-10 text-xl font-semibold">Machine APIs</h2>
      <p className="mt-3 text-zinc-700">
        Trigger runs from CI, poll them with the Agent API, or manage sites and runs with the REST
        API:{" "}
        <Link href="/docs/api" className="text-blue-700 hover:underline">
          API reference
        </Link>
        .
      </p>
    </article>
  );
}
