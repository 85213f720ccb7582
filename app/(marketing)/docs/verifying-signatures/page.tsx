import type { Metadata } from "next";
import { CodeBlock, Doc, DocLink } from "../_components/doc";
import { EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { eventExample } from "@/lib/webhooks/event-examples";
import {
  HEADERS_EXAMPLE,
  NODE_RECEIVER,
  PYTHON_RECEIVER,
  SHELL_VERIFY,
} from "@/lib/webhooks/docs-examples";

export const metadata: Metadata = { title: "Verifying signatures" };

export default function VerifyingSignaturesDoc() {
  return (
    <Doc
      title="Verifying signatures"
      lead="Every webhook Signal Diff sends is signed with your team's signing secret, following the Standard Webhooks specification. Verify each delivery before you trust it."
    >
      <h2 id="secret">The signing secret</h2>
      <p>
        Find it at{" "}
        <DocLink href="/developers/api-keys">Developers → API keys → Signing secret</DocLink>{" "}
        (owners and admins press <strong>Reveal</strong>; each reveal is recorded in the audit log).
        It looks like <code>whsec_</code> followed by base64: the bytes after the prefix are the
        HMAC key. It is separate from every API key and signs nothing but webhooks. Add endpoints at{" "}
        <DocLink href="/developers/webhooks">Developers → Webhooks</DocLink> or through{" "}
        <DocLink href="/docs/api">the REST API</DocLink>.
      </p>

      <h2 id="request">What a delivery looks like</h2>
      <CodeBlock code={HEADERS_EXAMPLE} label="request headers" />
      <CodeBlock code={eventExample("run.succeeded")} label="body" />
      <p>
        The signature is{" "}
        <code>
          base64(HMAC-SHA256(key, webhook-id + &quot;.&quot; + webhook-timestamp + &quot;.&quot; +
          body))
        </code>
        , prefixed with <code>v1,</code>. The header may hold several signatures separated by spaces
        (during a rotation it holds two); accept the delivery when any one of them matches. Compute
        it over the raw body exactly as received — parsing and re-serialising the JSON changes the
        bytes.
      </p>

      <h2 id="node">Node.js</h2>
      <p>
        With the <code>standardwebhooks</code> package. This receiver is run by our test suite
        against real deliveries.
      </p>
      <CodeBlock code={NODE_RECEIVER} label="receiver.mjs" />

      <h2 id="python">Python</h2>
      <p>
        With <code>standardwebhooks</code> from PyPI.
      </p>
      <CodeBlock code={PYTHON_RECEIVER} label="receiver.py" />

      <h2 id="shell">Plain HMAC with openssl</h2>
      <p>For any other language, or to check a captured delivery by hand:</p>
      <CodeBlock code={SHELL_VERIFY} label="verify.sh" />

      <h2 id="replay">Replay window and idempotency</h2>
      <ul>
        <li>
          Reject a delivery whose <code>webhook-timestamp</code> is more than{" "}
          <strong>5 minutes</strong> from your clock (the libraries above do). A retry is signed
          afresh at send time, so retries always carry a current timestamp.
        </li>
        <li>
          <code>webhook-id</code> is the same for every retry and every <strong>Resend</strong> of
          an event. Record the ids you handled and answer <code>2xx</code> to one you have seen
          without handling it twice.
        </li>
        <li>
          Order is not guaranteed: an event may arrive after a later one. Use the body&apos;s{" "}
          <code>timestamp</code> and the resource&apos;s own state.
        </li>
      </ul>

      <h2 id="rotation">Rotating the signing secret</h2>
      <ol>
        <li>
          On Developers → API keys, press <strong>Rotate signing secret</strong> and type{" "}
          <code>ROTATE</code> (or <code>POST /api/v1/signing-secret/rotate</code> with{" "}
          <code>{`{"confirm":"ROTATE"}`}</code>). The new secret is shown once.
        </li>
        <li>
          All future deliveries are signed with the new secret immediately. For 7 days — or until
          you revoke it — each delivery also carries the previous secret&apos;s signature, so
          receivers still holding the old secret keep verifying. Deliveries already in flight or
          retried later are re-signed the same way at send time.
        </li>
        <li>Update your server&apos;s secret to the new one and deploy it.</li>
        <li>
          Check the delivery log (Developers → Webhooks → an endpoint) shows deliveries succeeding.
        </li>
        <li>
          Press <strong>Revoke previous secret</strong> (or{" "}
          <code>POST /api/v1/signing-secret/revoke-previous</code>). Otherwise it is revoked
          automatically 7 days after the rotation; the page shows the date.
        </li>
      </ol>
      <p>Rotation is rate-limited like CI key rotation (3 per 10 minutes per team).</p>

      <h2 id="delivery">Delivery and retries</h2>
      <ul>
        <li>
          Endpoints must use <code>https</code>. Signal Diff never delivers to private, loopback,
          link-local or other non-public addresses (checked after DNS resolution) and never follows
          redirects: a <code>3xx</code> counts as a failure.
        </li>
        <li>
          A <code>2xx</code> answer within 10 seconds is a success. Anything else is retried about 5
          s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later (with jitter); after the eighth failed
          attempt the delivery is marked failed. An endpoint whose deliveries have failed for 5 days
          straight is disabled.
        </li>
        <li>Bodies are at most 256 KB. The log keeps the first 1 KB of each answer.</li>
      </ul>

      <h2 id="events">Event types</h2>
      <p>
        Every body is <code>{`{ "type", "timestamp", "data" }`}</code>; <code>timestamp</code> is
        when it happened. Events that announce a notice (expiring or leaked keys, an ending trial, a
        disabled endpoint, the previous secret&apos;s auto-revoke, an offline agent pool) carry the
        notice&apos;s <code>notice_id</code> and the <code>subject_id</code> it is about, and are
        sent once per condition. Each example below has exactly the fields Signal Diff sends (our
        tests compare them with real events).
      </p>
      <ul>
        {WEBHOOK_EVENT_TYPES.map((t) => (
          <li key={t} id={`event-${t.replace(/\./g, "-")}`}>
            <code>{t}</code> — {EVENT_DESCRIPTIONS[t]}
            <details>
              <summary className="cursor-pointer text-sm">Example</summary>
              <CodeBlock code={eventExample(t)} label={`${t} example`} />
            </details>
          </li>
        ))}
      </ul>
    </Doc>
  );
}
