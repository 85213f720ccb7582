import type { Metadata } from "next";
import { Doc, DocLink } from "../_components/doc";
import { StaticTable } from "@/components/data-table/static-table";

export const metadata: Metadata = { title: "API keys lifecycle" };

export default function ApiKeysLifecycleDoc() {
  return (
    <Doc
      title="API keys lifecycle"
      lead="How paid CI keys are created, shown once, rotated or revoked, and what still works when a key expires."
    >
      <h2 id="one-time-reveal">One-time key reveal</h2>
      <p>
        After checkout on <DocLink href="/pricing">Pricing</DocLink>, you are redirected to
        Developers → API keys where the full secret is shown exactly once. Copy it before dismissing
        the banner or refreshing the page — it cannot be retrieved again. If you closed the tab
        during checkout, the page offers <strong>Create key</strong> for the subscription instead
        (also shown once).
      </p>
      <ul>
        <li>
          <strong>GitHub Actions</strong> — store the key in the repository secret{" "}
          <code>SIGNALDIFF_CI_API_KEY</code> and your deployment origin in{" "}
          <code>SIGNALDIFF_API_BASE_URL</code> (no <code>/api</code> suffix). See the{" "}
          <DocLink href="/docs/ci">CI and GitHub Actions setup guide</DocLink>.
        </li>
        <li>
          <strong>Other CI</strong> — pass the same value in the <code>x-ci-api-key</code> header on{" "}
          <code>POST /api/trigger/ci</code>.
        </li>
        <li>
          <strong>Scripts and integrations</strong> — use the same key for the Agent API (
          <code>GET /agent/runs</code>, <code>POST /agent/scans</code> and related routes), in{" "}
          <code>x-ci-api-key</code> or <code>Authorization: Bearer sck_…</code>.
        </li>
        <li>
          <strong>List view</strong> — after the reveal, only the key prefix (e.g.{" "}
          <code>sck_AbC123…</code>) is shown.
        </li>
      </ul>
      <p>
        Keys look like <code>sck_</code> + 32 random base62 characters + a 6-character checksum, so
        a mistyped key is rejected at once and secret scanners can recognise leaked keys. We store
        only a hash of the key. The legacy <code>/api-keys</code> URL redirects to Developers → API
        keys.
      </p>

      <h2 id="rotate-vs-revoke">Rotate vs revoke</h2>
      <StaticTable
        label="Rotate vs revoke"
        head={["Action", "Effect", "When to use"]}
        rows={[
          [
            "Rotate key",
            "Issues a new secret on the same key record; the previous secret stops working immediately. No extra charge. The one-time reveal banner shows the new key.",
            "Suspected leak, offboarding a teammate, or a periodic rotation policy",
          ],
          [
            "Revoke",
            "Permanently disables the key; it cannot be restored. No new secret is issued. The subscription keeps billing: cancel it (Cancel subscription on the subscription, or Manage billing) or start a new checkout for a new key.",
            "You no longer need CI access for this key, or you are replacing it with a new subscription checkout",
          ],
        ]}
      />
      <p>
        Rotation requires typing <code>ROTATE</code> in the confirmation prompt (checked on the
        server as well). Rotating repeatedly is rate-limited (by default 3 times per key and 10 per
        team within 10 minutes); the message tells you when you can retry. Only owners and admins
        can rotate or revoke; members and viewers see the list read-only.
      </p>

      <h2 id="expiry">Trial vs paid expiry and 401 behaviour</h2>
      <p>
        Each key has an <strong>Expires</strong> date aligned with your Stripe subscription period
        (it moves with every renewal). During an eligible free trial the table also shows{" "}
        <strong>Trial ends</strong>; the key stays valid for API calls until Expires (or until
        revoked).
      </p>
      <ul>
        <li>
          <strong>Active key</strong> — not revoked and Expires is in the future. CI triggers, the
          Agent API and the paid concurrency limit apply.
        </li>
        <li>
          <strong>Expired, revoked or leaked key</strong> — requests with it get{" "}
          <code>401 Unauthorized</code> immediately. Wrong, missing, malformed, expired, revoked and
          leaked keys all get the same answer.
        </li>
        <li>
          <strong>Renewal</strong> — start a new checkout on Pricing to obtain a fresh active key
          after a subscription lapses.
        </li>
      </ul>
      <p>
        Dashboard, history and schedules keep working. Signing in with GitHub is separate from the
        CI API key: when the key expires you drop back to the free plan — only CI/API-triggered
        automation that depended on the key stops.
      </p>

      <h2 id="leaked-keys">Leaked keys and notices</h2>
      <p>
        Signal Diff takes part in GitHub&apos;s secret scanning: when a key is pushed to a public
        repository, GitHub reports it to <code>POST /api/secret-scanning/github</code> with an ECDSA
        signature that we check against GitHub&apos;s published keys (unsigned or wrongly signed
        reports get <code>401</code> and change nothing).
      </p>
      <ul>
        <li>
          <strong>CI API key</strong> — disabled at once and shown as{" "}
          <strong>Leaked — rotate to restore</strong>: requests with it get the usual{" "}
          <code>401</code>, and it does not count towards the paid plan until restored.{" "}
          <strong>Rotate</strong> issues a new secret on the same key (same subscription, no new
          checkout); revoking is never undone.
        </li>
        <li>
          <strong>API client secret</strong> — the client is deleted and the tokens it issued stop
          working within a second. Create a new API client for the integration.
        </li>
      </ul>
      <p>
        Both are written to Settings → Audit log. The bell at the top of the app counts{" "}
        <strong>notices</strong> that need action, and Developers → API keys and the dashboard show
        them as a banner: a trial ending within 7 days, a CI key expiring within 7 days (its
        subscription does not renew), a key that expired, and a key reported leaked. Notices are
        checked every 5 minutes and appear once per event; <strong>Dismiss</strong> hides one for
        you only, and a notice resolves by itself once fixed (a leaked key rotated, a trial
        converted). All notices: <DocLink href="/notices">Notices</DocLink>.
      </p>

      <h2 id="billing">Billing, cancel and the Stripe portal</h2>
      <ul>
        <li>
          <strong>Cancel</strong> — via <em>Manage billing</em>. The key stays active until the end
          of the paid period, then expires with the subscription.
        </li>
        <li>
          <strong>Trial</strong> — one 30-day trial per person (see{" "}
          <DocLink href="/docs/plans-and-limits#trial">the trial rule</DocLink>); cancel before it
          ends to avoid charges.
        </li>
      </ul>

      <h2 id="security">Security: keep CI secrets in sync</h2>
      <ul>
        <li>
          Treat API keys like passwords — never commit them to git or paste them in public tickets.
        </li>
        <li>
          After rotation, update <code>SIGNALDIFF_CI_API_KEY</code> (or your vault equivalent) in
          every repository and environment that used the old value.
        </li>
        <li>After revoking, remove the old secret from CI so failing pipelines surface quickly.</li>
        <li>
          Agent enrollment tokens are separate one-time credentials: rotating the CI API key does
          not rotate enrolled agents — re-enroll if needed (
          <DocLink href="/docs/agents">Customer agent setup</DocLink>).
        </li>
        <li>
          Every key event (created, revealed, rotated, revoked, reported leaked, refused rotations,
          use of an expired, revoked or leaked key) is listed in Settings → Audit log with who,
          when, IP and user agent.
        </li>
      </ul>
    </Doc>
  );
}
